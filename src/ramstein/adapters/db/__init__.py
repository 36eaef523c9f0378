"""SQL storage: SQLAlchemy Core tables, types, engines, repositories and Alembic migrations."""
