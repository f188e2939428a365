"""Front ends that only present the engine's answers (the Gradio chat arrives with issue 3)."""
