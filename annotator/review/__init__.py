"""The review logic behind the annotation window, free of Qt.

What a reviewer sees and does with one document: its spans in reading order,
which span the keyboard focus is on, how a span's edges move, how a relation
is drawn from head to tail, the time spent and the speed of the session, and
the keymap. The app presents these; the tests and benchmarks use them
without a display.
"""
