"""OpenAI-compatible local model server around in-process MLX generation."""
