// Knowledge about Python packages the checks need: the standard library (a bundled copy of
// sys.stdlib_module_names, so no Python is needed), distribution → import name, and packages that are
// used without ever being imported by name.

export const STDLIB_MODULES = new Set(
  (
    'abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile ' +
    'calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib ' +
    'contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ' +
    'ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass ' +
    'gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools ' +
    'json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt ' +
    'multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle ' +
    'pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc ' +
    'pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex ' +
    'shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics ' +
    'string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this ' +
    'threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata ' +
    'unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport ' +
    'zlib zoneinfo __future__'
  ).split(' '),
);

/** pip distribution name (lower-case, `_` → `-`) → top-level import name, where they differ. */
const DIST_TO_MODULE: Record<string, string> = {
  'scikit-learn': 'sklearn',
  pillow: 'PIL',
  'opencv-python': 'cv2',
  'opencv-python-headless': 'cv2',
  'opencv-contrib-python': 'cv2',
  beautifulsoup4: 'bs4',
  'sentence-transformers': 'sentence_transformers',
  'pytorch-lightning': 'pytorch_lightning',
  lightning: 'lightning',
  'python-dotenv': 'dotenv',
  pyyaml: 'yaml',
  'huggingface-hub': 'huggingface_hub',
  'protobuf': 'google',
  'tensorflow-datasets': 'tensorflow_datasets',
  'tensorflow-hub': 'tensorflow_hub',
  'tensorflow-text': 'tensorflow_text',
  'faiss-cpu': 'faiss',
  'faiss-gpu': 'faiss',
  'google-cloud-storage': 'google',
  'optuna-integration': 'optuna_integration',
  'rouge-score': 'rouge_score',
  'sacrebleu': 'sacrebleu',
  'umap-learn': 'umap',
  'python-dateutil': 'dateutil',
  'attrs': 'attr',
  'pymupdf': 'fitz',
  'ipython': 'IPython',
  'msgpack-python': 'msgpack',
  'typing-extensions': 'typing_extensions',
};

/** Packages that work without being imported by name (plugins, backends, tokenizer deps, notebook UI). */
export const IMPLICIT_USE = new Set([
  'kaleido',
  'accelerate',
  'ipywidgets',
  'sentencepiece',
  'tiktoken',
  'protobuf',
  'pyarrow',
  'fastparquet',
  'openpyxl',
  'xlrd',
  'tabulate',
  'jupyter',
  'notebook',
  'ipykernel',
  'widgetsnbextension',
  'bitsandbytes',
  'safetensors',
  'tokenizers',
  'evaluate',
  'ruff',
  'black',
  'isort',
  'nbformat',
  'tensorboard',
  'torchvision',
  'torchaudio',
  'pip',
  'setuptools',
  'wheel',
]);

export function distributionKey(dist: string): string {
  return dist.toLowerCase().replace(/_/g, '-').replace(/\[.*$/, '');
}

/** The import name a distribution provides (best guess: the name with `-` → `_`). */
export function moduleOfDistribution(dist: string): string {
  const key = distributionKey(dist);
  return DIST_TO_MODULE[key] ?? key.replace(/-/g, '_');
}

/** Distribution names that provide an import name (reverse map, for dependency declarations). */
export function distributionsOfModule(module: string): string[] {
  const out = [module.toLowerCase().replace(/_/g, '-')];
  for (const [dist, mod] of Object.entries(DIST_TO_MODULE)) if (mod.toLowerCase() === module.toLowerCase()) out.push(dist);
  return out;
}
