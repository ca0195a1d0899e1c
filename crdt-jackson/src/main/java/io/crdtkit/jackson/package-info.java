/**
 * Jackson 3 codecs for every crdtkit type and clock: deterministic, versioned and hardened JSON and Smile.
 *
 * <p>Register {@link io.crdtkit.jackson.CrdtkitModule} on your own mapper in one line, or take a mapper whose
 * parser limits match the codec's from {@link io.crdtkit.jackson.CrdtMappers}:
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(CrdtkitModule.create()).build();
 * String json = mapper.writeValueAsString(cart);
 * ORSet<String> back = mapper.readValue(json, new TypeReference<ORSet<String>>() {});
 * }</pre>
 *
 * <p>Equal states encode to identical bytes, so digests can hash the encoding. Every document carries a format
 * version. Bad input fails with a {@link io.crdtkit.jackson.CrdtDecodeException} that names the JSON Pointer of
 * the offending value and the rule it breaks. The wire format is described, type by type, in the module's
 * {@code FORMAT.md}.
 */
@NullMarked
package io.crdtkit.jackson;

import org.jspecify.annotations.NullMarked;
