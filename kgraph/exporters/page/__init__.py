"""The parts of the HTML page of :mod:`kgraph.exporters.html`."""
