"""The bundled label schema's descriptions, for the translation files.

Written by build/update_translations.py from resources/label_schema.toml; do not edit.
annotator/ui/schema_texts.py says why they are translated.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS = (
    QT_TRANSLATE_NOOP("LabelSchema", "A person's name, including names in bylines (记者X) and 化名."),
    QT_TRANSLATE_NOOP("LabelSchema", "Organisations: companies, unions (总工会, 市总), government bodies, courts, schools, teams with a name."),
    QT_TRANSLATE_NOOP("LabelSchema", "Places: countries, provinces, cities, counties, towns, streets, named sites."),
    QT_TRANSLATE_NOOP("LabelSchema", "Job titles and positions (主席, 党组书记, 工会主席), without the organisation."),
    QT_TRANSLATE_NOOP("LabelSchema", "Dates and date expressions: years, months, days, 年初, 年底."),
    QT_TRANSLATE_NOOP("LabelSchema", "Amounts of money with their unit (7862元, 1038万元, 2000万余元)."),
    QT_TRANSLATE_NOOP("LabelSchema", "Titled documents, laws, regulations and works, usually in 《》 (the brackets are not part of the span)."),
    QT_TRANSLATE_NOOP("LabelSchema", "The person works for, or is a member of, the organisation."),
    QT_TRANSLATE_NOOP("LabelSchema", "The person holds the title."),
    QT_TRANSLATE_NOOP("LabelSchema", "The organisation or place is located in the place."),
    QT_TRANSLATE_NOOP("LabelSchema", "The organisation is part of, or reports to, the other organisation."),
    QT_TRANSLATE_NOOP("LabelSchema", "What the article is mainly about."),
)
