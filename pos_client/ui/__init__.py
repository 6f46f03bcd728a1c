"""Qt widgets of the till. Thin: they call services and show what comes back."""
