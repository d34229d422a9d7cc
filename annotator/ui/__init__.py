"""The Qt app: windows, panels and dialogs over the Qt-free core (see annotator.review)."""
