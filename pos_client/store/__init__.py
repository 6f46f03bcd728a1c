"""The till's local SQLite store: models, repositories, engine set-up and migrations."""
