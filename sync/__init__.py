"""The wire contract, the till's sync client, and the central stock service."""
