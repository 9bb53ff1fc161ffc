"""明白账 over HTTP: the Litestar app (``assistant.web.app.create_app``), one module per controller."""
