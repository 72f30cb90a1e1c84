"""LoRA training, fusing and the execution benchmark."""
