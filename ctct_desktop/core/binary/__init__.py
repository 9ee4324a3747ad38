"""Bodies that are not (only) text: sniffing, hex rows, file names and streamed copies. No Qt."""
