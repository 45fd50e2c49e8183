"""newskg: an event-centric knowledge graph builder for news.

The library mirrors the command line: ``kg.pipeline.build`` is ``kg build``, ``kg.query.execute``
is ``kg query``, ``kg.validate.validate_store`` is ``kg validate``. Importing ``kg`` loads nothing heavy.
"""

__version__ = "0.2.0"
