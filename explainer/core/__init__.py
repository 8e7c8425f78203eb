"""Qt-free core: the model, its trace, preprocessing, arithmetic, checkpoints, data, training.

Nothing under explainer.core may import Qt (a test enforces it).
"""
