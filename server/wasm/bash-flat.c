/*
 * Docker Tutor's shell parser: tree-sitter's runtime and the tree-sitter-bash grammar, linked into one
 * WebAssembly module with the one function below, which lists a whole parse tree in a flat array.
 *
 * Why: the rules' walk over each RUN's tree (server/src/service/dockerfile/shell/index.ts) used to go
 * through web-tree-sitter's TreeCursor, where every step and every read of a node's type or offsets is a
 * separate call from JavaScript into WebAssembly. Those calls cost about as much as the parse itself.
 * Here the tree is walked in C, once, and JavaScript reads the result from memory.
 *
 * Built by scripts/buildShellWasm.sh (clang, wasm-ld and wasi-libc from Debian); the output,
 * bash-flat.wasm, is committed so that building the extension needs no C toolchain.
 */
#include <stdint.h>
#include <stdlib.h>
#include "tree_sitter/api.h"

const TSLanguage *tree_sitter_bash(void);

/* Numbers per node in the output; see flat_parse. */
#define RECORD 4
#define HAS_ERROR 0x10000u

static TSParser *parser;
static uint16_t *input;
static uint32_t input_cap;
static uint32_t *records;
static uint32_t records_cap;
/* Record indices of the nodes whose descendants are still being listed. */
static uint32_t *open_nodes;
static uint32_t open_cap;

static int reserve(uint32_t **buf, uint32_t *cap, uint32_t need) {
  if (need <= *cap) return 1;
  uint32_t next = *cap ? *cap : 1024;
  while (next < need) {
    if (next > UINT32_MAX / 2) return 0;
    next *= 2;
  }
  uint32_t *p = realloc(*buf, (size_t)next * sizeof(uint32_t));
  if (!p) return 0;
  *buf = p;
  *cap = next;
  return 1;
}

/* Creates the parser; 0 when the grammar's ABI does not match the runtime. */
__attribute__((export_name("flat_init"))) int32_t flat_init(void) {
  if (!parser) parser = ts_parser_new();
  return parser && ts_parser_set_language(parser, tree_sitter_bash());
}

/* A buffer for `units` UTF-16 code units, where the caller writes the text to parse; 0 when memory runs out. */
__attribute__((export_name("flat_input"))) uint16_t *flat_input(uint32_t units) {
  if (units == 0) units = 1;
  if (units > input_cap) {
    if (units > UINT32_MAX / 4) return 0;
    uint16_t *p = realloc(input, (size_t)units * sizeof(uint16_t));
    if (!p) return 0;
    input = p;
    input_cap = units;
  }
  return input;
}

/* Where flat_parse left its records (valid until the next call into this module). */
__attribute__((export_name("flat_records"))) uint32_t *flat_records(void) { return records; }

/*
 * Parses the `units` UTF-16 code units written to flat_input and lists the tree's nodes in pre-order, the
 * same nodes a TreeCursor visits, RECORD numbers each:
 *   0: the node's symbol as ts_node_symbol gives it (aliases resolved; 65535 for ERROR), | HAS_ERROR when
 *      the node is or contains a syntax error;
 *   1, 2: its start and end as UTF-16 indices (the offsets of a JavaScript string);
 *   3: the index of the first record past its last descendant (its next sibling's, when it has one).
 * Returns the number of records, or -1 when memory runs out.
 */
__attribute__((export_name("flat_parse"))) int32_t flat_parse(uint32_t units) {
  if (!parser || units > input_cap) return -1;
  TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)input, units * 2, TSInputEncodingUTF16LE);
  if (!tree) return -1;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  uint32_t count = 0;
  uint32_t depth = 0;
  int ok = 1;
  for (;;) {
    if (!reserve(&records, &records_cap, (count + 1) * RECORD) || !reserve(&open_nodes, &open_cap, depth + 1)) {
      ok = 0;
      break;
    }
    TSNode node = ts_tree_cursor_current_node(&cursor);
    uint32_t *r = records + count * RECORD;
    r[0] = ts_node_symbol(node) | (ts_node_has_error(node) ? HAS_ERROR : 0);
    r[1] = ts_node_start_byte(node) >> 1;
    r[2] = ts_node_end_byte(node) >> 1;
    open_nodes[depth++] = count++;
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    /* A leaf: close it, then every ancestor whose last child it ends, up to the next sibling. */
    int more = 0;
    while (depth > 0) {
      records[open_nodes[--depth] * RECORD + 3] = count;
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        more = 1;
        break;
      }
      if (!ts_tree_cursor_goto_parent(&cursor)) break;
    }
    if (!more) break;
  }
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  return ok ? (int32_t)count : -1;
}

/* The grammar's symbol table, for naming the symbols in the records. */
__attribute__((export_name("flat_symbol_count"))) uint32_t flat_symbol_count(void) {
  return ts_language_symbol_count(tree_sitter_bash());
}

__attribute__((export_name("flat_symbol_name"))) const char *flat_symbol_name(uint32_t id) {
  return ts_language_symbol_name(tree_sitter_bash(), (TSSymbol)id);
}

/* 0 regular (named), 1 anonymous, 2 hidden/auxiliary (never in a tree). */
__attribute__((export_name("flat_symbol_type"))) uint32_t flat_symbol_type(uint32_t id) {
  return ts_language_symbol_type(tree_sitter_bash(), (TSSymbol)id);
}
