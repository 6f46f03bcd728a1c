"""The central stock service (FastAPI). Only /health exists so far (see docs/ARCHITECTURE.md)."""
