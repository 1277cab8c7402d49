"""The embedded engine: a Whoosh index in a folder of generations, searched in process.

Everything that knows Whoosh is in this package: the schema and analysis adapter, the
writers, the compiler from the shared query tree, bulk matching and ranking, facets,
suggestions and "more like this". The rest of the project reaches it through
`indexer.backend` only.
"""
