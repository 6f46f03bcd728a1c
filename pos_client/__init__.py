"""The till application: domain, local store, services and Qt user interface."""
