"""Use cases of the till. They own transactions; the UI only calls them and shows results."""
