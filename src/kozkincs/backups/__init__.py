"""Backups of a whole installation (database, uploaded files, a manifest) and their restore."""
