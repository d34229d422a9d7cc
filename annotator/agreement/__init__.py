"""Inter-annotator agreement on span and relation annotation: span F1 (exact and overlapping), relation F1
with the entities matched first, Cohen's and Fleiss' kappa and Krippendorff's alpha on the label of every
character, and Krippendorff's unitizing alpha on the spans themselves; per pair of annotators, per label,
over the project and per document. Pure computation over ``DocumentLayer``s (``compute``), plus loading
them from projects and packages (``load``)."""

from annotator.agreement.report import AgreementReport, compute

__all__ = ["AgreementReport", "compute"]
