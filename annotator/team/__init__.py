"""Annotating as a team, all offline: assigning documents with an overlap, packing each annotator's share
into a project file of their own, merging the packages back as one version per annotator, and adjudicating
the versions into the gold layer. Qt-free; the CLI and the app both call it. Agreement between the
versions is measured by ``annotator.agreement``."""
