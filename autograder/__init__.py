"""dlbook: autograded exercises and quizzes for the Deep Learning Book, chapters 6 to 9."""

__version__ = "0.1.0"
