"""The editing pages: create and edit forms, pickers, contributions, moderation."""
