"""The summary of a meeting: built in pure code from a snapshot of its record, then rendered.

``record`` holds the plain dataclasses an operation loads (no database, no Flask); ``build`` turns a
record into a structured document for one copy (full or family); ``layout`` puts that document into
words (through the catalogues) as a list of blocks; ``as_markdown``, ``as_html`` and ``as_docx`` write the
blocks out; ``markup`` is the one sanitiser every piece of free text goes through; ``chart`` draws the
progress of each area of change across the meetings of a case.
"""
