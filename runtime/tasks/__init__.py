"""What Penna does with an engine besides chat: translate and summarize, and what they need (documents
to text, chunking, language detection, prompt budgets and output cleaning, streamed task results)."""
