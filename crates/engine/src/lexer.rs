//! Tokenizer (placeholder being written).
