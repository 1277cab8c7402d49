"""The query language: text → a tree of analysed terms and resolved values, for any engine.

`QueryParser.parse` is the entry point; `tree` holds the nodes each engine compiles.
"""
