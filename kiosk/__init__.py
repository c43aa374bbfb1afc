"""The kiosk people stand at, and the ``guichet`` command (the composition root)."""
