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
/* The runtime's own headers: the walk below reads subtrees as the TreeCursor does. */
#include "language.h"
#include "subtree.h"
#include "tree.h"

const TSLanguage *tree_sitter_bash(void);

/* Numbers per node in the output; see flat_parse. */
#define RECORD 4
#define HAS_ERROR 0x10000u

static TSParser *parser;
static uint16_t *input;
static uint32_t input_cap;
static uint32_t *records;
static uint32_t records_cap;

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
 * Where the walk stands in one node's children: the nodes a TreeCursor visits are the visible ones, and a
 * hidden node's children take its place among its parent's (see ts_tree_cursor_goto_first_child).
 */
typedef struct {
  Subtree parent;
  const TSSymbol *aliases;
  uint32_t child;
  uint32_t structural;
  /* Byte offset where the next child starts, its padding not yet added (the first child's is the parent's). */
  uint32_t position;
  /* The record to close when these children are done; UINT32_MAX for a hidden node, which has none. */
  uint32_t record;
} Frame;

static Frame *frames;
static uint32_t frames_cap;

static int reserve_frames(uint32_t need) {
  if (need <= frames_cap) return 1;
  uint32_t next = frames_cap ? frames_cap * 2 : 64;
  while (next < need) next *= 2;
  Frame *p = realloc(frames, (size_t)next * sizeof(Frame));
  if (!p) return 0;
  frames = p;
  frames_cap = next;
  return 1;
}

/* Appends the record of a visible node starting at byte `start`; its field 3 is set when it closes. */
static int emit(const TSLanguage *language, Subtree node, TSSymbol alias, uint32_t start, uint32_t *count) {
  if (!reserve(&records, &records_cap, (*count + 1) * RECORD)) return 0;
  uint32_t *r = records + *count * RECORD;
  TSSymbol symbol = ts_language_public_symbol(language, alias ? alias : ts_subtree_symbol(node));
  r[0] = symbol | (ts_subtree_error_cost(node) > 0 ? HAS_ERROR : 0);
  r[1] = start >> 1;
  r[2] = (start + ts_subtree_size(node).bytes) >> 1;
  (*count)++;
  return 1;
}

/*
 * Parses the `units` UTF-16 code units written to flat_input and lists the tree's nodes in pre-order, the
 * same nodes a TreeCursor visits, RECORD numbers each:
 *   0: the node's symbol as ts_node_symbol gives it (aliases resolved; 65535 for ERROR), | HAS_ERROR when
 *      the node is or contains a syntax error;
 *   1, 2: its start and end as UTF-16 indices (the offsets of a JavaScript string);
 *   3: the index of the first record past its last descendant (its next sibling's, when it has one).
 * The subtrees are read directly, with TreeCursor's rules for which nodes are visible and where each starts.
 * Parsing and listing the corpus's RUNs took 9-11% longer through the cursor's calls (23% longer in a native build).
 * Returns the number of records, or -1 when memory runs out.
 */
__attribute__((export_name("flat_parse"))) int32_t flat_parse(uint32_t units) {
  if (!parser || units > input_cap) return -1;
  TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)input, units * 2, TSInputEncodingUTF16LE);
  if (!tree) return -1;
  const TSLanguage *language = tree->language;
  uint32_t count = 0;
  uint32_t depth = 0;
  int ok = 1;
  Subtree root = tree->root;
  uint32_t start = ts_subtree_padding(root).bytes;
  if (!emit(language, root, 0, start, &count) || !reserve_frames(1)) ok = 0;
  else frames[depth++] = (Frame){root, ts_language_alias_sequence(language, ts_subtree_child_count(root) ? root.ptr->production_id : 0), 0, 0, start, 0};
  while (ok && depth > 0) {
    Frame *f = &frames[depth - 1];
    if (f->child == ts_subtree_child_count(f->parent)) {
      if (f->record != UINT32_MAX) records[f->record * RECORD + 3] = count;
      depth--;
      continue;
    }
    Subtree node = ts_subtree_children(f->parent)[f->child];
    if (f->child > 0) f->position += ts_subtree_padding(node).bytes;
    uint32_t at = f->position;
    f->position += ts_subtree_size(node).bytes;
    f->child++;
    TSSymbol alias = 0;
    if (!ts_subtree_extra(node)) {
      if (f->aliases) alias = f->aliases[f->structural];
      f->structural++;
    }
    uint32_t record = UINT32_MAX;
    if (ts_subtree_visible(node) || alias) {
      record = count;
      if (!emit(language, node, alias, at, &count)) {
        ok = 0;
        break;
      }
      if (ts_subtree_child_count(node) == 0) {
        records[record * RECORD + 3] = count;
        continue;
      }
    } else if (ts_subtree_visible_child_count(node) == 0) {
      continue;
    }
    if (!reserve_frames(depth + 1)) {
      ok = 0;
      break;
    }
    frames[depth++] = (Frame){node, ts_language_alias_sequence(language, node.ptr->production_id), 0, 0, at, record};
  }
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
