"""Gettext catalogs of 明白账's explanations (no code: this package only locates the files).

    locales/messages.pot                  extracted template (msgids in Simplified Chinese)
    locales/zh_CN/LC_MESSAGES/messages.po the source language: msgstr = msgid
    locales/en/LC_MESSAGES/messages.po    English, every message translated

Workflow, from the repository root::

    pybabel extract -F babel.cfg -o locales/messages.pot --no-wrap --add-location=file --sort-output .
    pybabel update -i locales/messages.pot -d locales --no-wrap --ignore-obsolete --no-fuzzy-matching
    # then fill the new msgstr of zh_CN (copy the msgid) and of en (translate)

``.mo`` files are not committed: :mod:`explanations.i18n` compiles each ``.po`` in memory when its
locale is first used. ``tests/explanations/test_catalogs.py`` fails when the template is stale or
a message lacks a translation.
"""
