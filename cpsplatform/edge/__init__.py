"""The edge of the site: what every request and frame must satisfy before the application looks at it.

- ``body``: an ASGI wrapper that refuses oversized request bodies (413) before Django buffers them.
- ``middleware``: refuses NUL bytes and undecodable text in query strings and form fields (400).
- ``text`` and ``ids``: the same rules for code that reads input itself (the chat consumer, views reading ids).
"""
