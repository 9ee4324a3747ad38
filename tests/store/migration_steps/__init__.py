"""Step packages for the migration runner's own tests (tests/store/test_migrations.py)."""
