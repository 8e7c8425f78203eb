"""The Why panel (issue 12): attribution maps of the first and second guess over the drawing,
live; occlusion when the stroke ends; what a conv filter looks for (top-9 patches, feature
visualisation).

- maps: the two maps side by side with a shared colour bar;
- filters: a filter's top-9 patches and its feature visualisation;
- jobs: one worker at a time per kind of slow job, the newest request first;
- panel: WhyPanel (controls, maps, captions, filter), WhyDock and install_why_dock.
"""

from explainer.gui.why.panel import WhyDock, WhyPanel, install_why_dock

__all__ = ["WhyDock", "WhyPanel", "install_why_dock"]
