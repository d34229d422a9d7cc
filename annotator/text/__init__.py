"""Text utilities shared by ingest, candidates and the app: segmentation and offset mapping."""
