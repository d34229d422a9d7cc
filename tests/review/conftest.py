"""The review logic's tests share the small project of the app's tests (two articles, four candidates)."""

from review_projects import project, store  # noqa: F401  (fixtures)
