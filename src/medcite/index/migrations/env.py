"""Alembic environment: runs on the connection medcite hands over (see index.migrate)."""

from alembic import context

from medcite.index.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
