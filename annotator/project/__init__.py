"""A project's services: import, export, seeding, search, the document list, progress and schema edits, shared by the CLI and the app."""
