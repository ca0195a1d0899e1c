package io.crdtkit.jackson;

/** A user's own element type: a record the mapper writes as an object, with no crdtkit code involved. */
record Item(String sku, int quantity) {}
