/* The ASCII fast path of terms.count_words, in C: see terms.py (why C) and _wordcount.pyi.

   count(spaced, stop) returns exactly what terms._counted_python returns for the same bytes:
   (the distinct words in order of first occurrence, joined by spaces, as str; their counts as
   bytes, each capped at MAX_COUNT; the number of words), stop words left out of all three.
   Words are the runs of bytes between ASCII whitespace, as bytes.split() reads them; the
   result is decoded as ASCII, so a byte beyond ASCII in a word raises UnicodeDecodeError as
   bytes.decode("ascii") does.

   One pass over the buffer: each word (a slice of it, never a Python object) is looked up in
   an open-addressing hash table (linear probing, at most half full, doubled as it fills) whose
   entries are kept in order of first occurrence. The stop words are entered first, so the
   entries after theirs are the words kept. Only the three results are Python objects.

   Hostile input: the hash is not keyed, and words that share it are easy to make ("ar" and
   "c0" do, and so does every word built of such blocks), which would make the table's probes
   quadratic in the text's words. So a lookup that probes more than MAX_PROBES slots (a fair
   text's longest is a few dozen, at half full) gives up, and count() returns None: the caller
   then counts in Python, whose hash is keyed per process. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_COUNT 255
#define MAX_PROBES 256

typedef struct {
    const char *start;
    Py_ssize_t length;
    Py_ssize_t count;
    uint64_t hash;
} Entry;

typedef struct {
    Entry *entries;       /* in order of first occurrence (stop words first) */
    Py_ssize_t used;      /* entries in use */
    Py_ssize_t room;      /* entries allocated */
    Py_ssize_t *slots;    /* index into entries + 1; 0 is an empty slot */
    size_t mask;          /* slots - 1, a power of two less one */
    int crowded;          /* a lookup probed more than MAX_PROBES slots: given up */
} Table;

/* ASCII whitespace as bytes.split() reads it (Py_ISSPACE on a byte). */
static unsigned char is_space[256];

/* The hash of a word: h * 33 + byte over its bytes (cheap in the scan's loop), then mixed so
   that its low bits, which pick the slot, depend on every byte. */
#define HASH_START 5381u
#define HASH_STEP(h, byte) ((h) * 33u + (byte))

static uint64_t
hash_end(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static uint64_t
hash_of(const unsigned char *p, Py_ssize_t n)
{
    uint64_t h = HASH_START;
    for (Py_ssize_t i = 0; i < n; i++) {
        h = HASH_STEP(h, p[i]);
    }
    return hash_end(h);
}

static int
table_init(Table *t, Py_ssize_t expected)
{
    size_t size = 256;
    while (size < (size_t)expected * 2) {
        size <<= 1;
    }
    t->slots = PyMem_Calloc(size, sizeof(Py_ssize_t));
    t->room = (Py_ssize_t)(size / 2);
    t->entries = PyMem_Malloc((size_t)t->room * sizeof(Entry));
    t->used = 0;
    t->mask = size - 1;
    t->crowded = 0;
    if (t->slots == NULL || t->entries == NULL) {
        PyMem_Free(t->slots);
        PyMem_Free(t->entries);
        t->slots = NULL;
        t->entries = NULL;
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void
table_free(Table *t)
{
    PyMem_Free(t->slots);
    PyMem_Free(t->entries);
}

/* Doubles the slots (and the entries' room), placing every entry again. */
static int
table_grow(Table *t)
{
    size_t size = (t->mask + 1) * 2;
    if (size > (size_t)PY_SSIZE_T_MAX / sizeof(Entry)) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t *slots = PyMem_Calloc(size, sizeof(Py_ssize_t));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Entry *entries = PyMem_Realloc(t->entries, (size / 2) * sizeof(Entry));
    if (entries == NULL) {
        PyMem_Free(slots);
        PyErr_NoMemory();
        return -1;
    }
    size_t mask = size - 1;
    for (Py_ssize_t i = 0; i < t->used; i++) {
        size_t j = (size_t)entries[i].hash & mask;
        while (slots[j] != 0) {
            j = (j + 1) & mask;
        }
        slots[j] = i + 1;
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->entries = entries;
    t->room = (Py_ssize_t)(size / 2);
    t->mask = mask;
    return 0;
}

/* The entry of the word (start, length) of hash h (hash_of), added (count 0) if new; NULL on
   a memory error (an exception set) or after MAX_PROBES slots (t->crowded set, no exception). */
static inline Entry *
table_find(Table *t, const char *start, Py_ssize_t length, uint64_t h)
{
    size_t j = (size_t)h & t->mask;
    for (int probes = 0;; probes++) {
        Py_ssize_t k = t->slots[j];
        if (k == 0) {
            break;
        }
        if (probes == MAX_PROBES) {
            t->crowded = 1;
            return NULL;
        }
        Entry *e = &t->entries[k - 1];
        if (e->hash == h && e->length == length && memcmp(e->start, start, (size_t)length) == 0) {
            return e;
        }
        j = (j + 1) & t->mask;
    }
    if (t->used >= t->room) { /* more than half full once this is added: grow */
        if (table_grow(t) < 0) {
            return NULL;
        }
        j = (size_t)h & t->mask;
        while (t->slots[j] != 0) {
            j = (j + 1) & t->mask;
        }
    }
    Entry *e = &t->entries[t->used];
    e->start = start;
    e->length = length;
    e->count = 0;
    e->hash = h;
    t->used++;
    t->slots[j] = t->used;
    return e;
}

/* Enters every stop word (bytes) of `held` (a list or tuple, which keeps them alive). */
static int
enter_stop_words(Table *t, PyObject *held)
{
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(held); i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(held, i);
        if (!PyBytes_Check(item)) {
            PyErr_Format(PyExc_TypeError, "stop words must be bytes, not %.100s",
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        /* A stop word that is empty or holds whitespace never equals a word: harmless. */
        const char *word = PyBytes_AS_STRING(item);
        Py_ssize_t length = PyBytes_GET_SIZE(item);
        if (table_find(t, word, length, hash_of((const unsigned char *)word, length)) == NULL) {
            return -1;
        }
    }
    return 0;
}

/* Counts every word of text[0:n] in the table; `high` gets the words' bytes OR-ed (beyond
   ASCII when >= 128). */
static int
scan(Table *t, const unsigned char *text, Py_ssize_t n, unsigned char *high)
{
    unsigned char seen = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && is_space[text[i]]) {
            i++;
        }
        if (i == n) {
            break;
        }
        Py_ssize_t begin = i;
        uint64_t h = HASH_START;
        while (i < n && !is_space[text[i]]) {
            unsigned char byte = text[i];
            seen |= byte;
            h = HASH_STEP(h, byte);
            i++;
        }
        Entry *e = table_find(t, (const char *)text + begin, i - begin, hash_end(h));
        if (e == NULL) {
            return -1;
        }
        e->count++;
    }
    *high = seen;
    return 0;
}

/* Writes the entries from `first` on: their words, spaced, at w; their capped counts at c. */
static void
fill(const Table *t, Py_ssize_t first, char *w, unsigned char *c)
{
    for (Py_ssize_t k = first; k < t->used; k++) {
        const Entry *e = &t->entries[k];
        if (k > first) {
            *w++ = ' ';
        }
        memcpy(w, e->start, (size_t)e->length);
        w += e->length;
        *c++ = (unsigned char)(e->count < MAX_COUNT ? e->count : MAX_COUNT);
    }
}

/* (words joined by spaces, capped counts, total) of the entries from `first` on: after the
   stop words' entries, so the words kept, in order of first occurrence. */
static PyObject *
results(const Table *t, Py_ssize_t first, unsigned char high)
{
    Py_ssize_t kept = t->used - first, joined = kept > 0 ? kept - 1 : 0, total = 0;
    for (Py_ssize_t k = first; k < t->used; k++) {
        joined += t->entries[k].length;
        total += t->entries[k].count;
    }
    int ascii = high < 128;
    PyObject *words = ascii ? PyUnicode_New(joined, 127) : PyBytes_FromStringAndSize(NULL, joined);
    PyObject *counts = PyBytes_FromStringAndSize(NULL, kept);
    PyObject *length = PyLong_FromSsize_t(total);
    PyObject *result;
    if (words == NULL || counts == NULL || length == NULL) {
        goto fail;
    }
    fill(t, first, ascii ? (char *)PyUnicode_1BYTE_DATA(words) : PyBytes_AS_STRING(words),
         (unsigned char *)PyBytes_AS_STRING(counts));
    if (!ascii) { /* raise what b" ".join(...).decode("ascii") raises */
        PyObject *decoded = PyUnicode_DecodeASCII(PyBytes_AS_STRING(words), joined, NULL);
        Py_SETREF(words, decoded);
        if (words == NULL) {
            goto fail;
        }
    }
    result = PyTuple_Pack(3, words, counts, length);
    Py_DECREF(words);
    Py_DECREF(counts);
    Py_DECREF(length);
    return result;
fail:
    Py_XDECREF(words);
    Py_XDECREF(counts);
    Py_XDECREF(length);
    return NULL;
}

static PyObject *
count(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "count() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    PyObject *result = NULL;
    PyObject *stop = NULL;
    unsigned char high = 0;
    Table t;
    /* Decisions have about one distinct word in 16 bytes or fewer; the table grows past it. */
    if (table_init(&t, view.len / 16) < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    /* A tuple or list as it is, any other iterable as a list: it holds the stop words. */
    stop = PySequence_Fast(args[1], "stop words must be an iterable of bytes");
    if (stop != NULL && enter_stop_words(&t, stop) == 0) {
        Py_ssize_t stops = t.used;
        if (scan(&t, view.buf, view.len, &high) == 0) {
            result = results(&t, stops, high);
        }
    }
    if (result == NULL && t.crowded && !PyErr_Occurred()) { /* see MAX_PROBES */
        result = Py_NewRef(Py_None);
    }
    table_free(&t);
    Py_XDECREF(stop);
    PyBuffer_Release(&view);
    return result;
}

static PyMethodDef methods[] = {
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL,
     "count(spaced, stop, /) -> (words joined by spaces, counts as bytes, total) or None\n\n"
     "terms._counted_python in C: the words of lower-cased ASCII bytes whose marks are\n"
     "spaces, less the stop words (bytes), in order of first occurrence; None when words\n"
     "sharing a hash crowd the table (hostile input: count them in Python)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "ombuds.corpus.store._wordcount",
    "The ASCII fast path of terms.count_words, in C (see terms.py).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__wordcount(void)
{
    for (int b = 0; b < 256; b++) {
        is_space[b] = (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f');
    }
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "MAX_COUNT", MAX_COUNT) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
