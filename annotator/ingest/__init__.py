"""Reading raw text into documents: decoding, page segmentation, OCR repair, provenance."""
