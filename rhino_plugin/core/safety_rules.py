"""What the static safety gate refuses: rule ids, module and name tables, Rhino command words.

Standard library only, Python 3.9. Pure data and pure functions on dotted names and command
strings; `safety.py` resolves a script's names and asks `classify()` about each.
"""
import ast
import re
import string
from typing import Dict, Iterable, List, Optional, Set, Tuple

RULES = {
    "process": "starts another process",
    "file-write": "deletes, moves or writes files",
    "network": "opens network connections",
    "dynamic-code": "runs code built or loaded at run time",
    "ctypes": "calls native code directly",
    "environ": "changes the process environment or settings",
    "introspection": "reaches into the interpreter's internals (hidden attributes, frames, module tables)",
    "reflection": "uses .NET reflection, loads assemblies or plug-in objects",
    "exit": "ends the script's host process (Rhino)",
    "threads": "starts threads or work that outlives the script",
    "rhino-command": "runs a Rhino command string that is not a plain literal, or one that saves, exports, "
                     "runs scripts or closes Rhino",
}
SUGGESTIONS = {
    "process": "do the work with rhinoscriptsyntax or RhinoCommon inside the script instead of another program",
    "file-write": "leave files alone: create geometry in the document, or let the user save or export it",
    "network": "scripts run offline; put the data in the script or read a local file the user names",
    "dynamic-code": "write the code directly instead of building, unpickling or loading it at run time",
    "ctypes": "use rhinoscriptsyntax or RhinoCommon instead of native calls",
    "environ": "read settings if needed (os.environ.get, rs.WorkingFolder()), but do not change them",
    "introspection": "use objects by their plain names (rs.*, Rhino.*, sc.doc, obj.Attribute) and literal "
                     "attribute names; no vars/globals, dunder attributes, frames, gc or sys.modules",
    "reflection": "import the RhinoCommon or .NET class you need and call it by name; no reflection, "
                  "Activator, assembly loading or plug-in objects",
    "exit": "do not exit: let the script reach its end (use if/else, or put the steps in a function and "
            "return), or raise an exception to report a failure",
    "threads": "do the work in the script itself, one step after another; the document is not thread-safe",
    "rhino-command": "make the geometry with rs.* or RhinoCommon; if a command is needed, pass a plain "
                     "literal such as rs.Command(\"_SelAll\"), with numbers put in by %f/%d "
                     "(\"_-Circle %f,%f,0 %f\" % (x, y, r)) or as float(x) in an f-string, and never "
                     "Save/Export/Open/scripts/Exit",
}

# ---- what is refused -----------------------------------------------------------------------------
# Whole modules and namespaces (dotted prefixes): importing or touching them is refused.
UNSAFE_MODULES = {
    "subprocess": "process", "pty": "process", "multiprocessing": "process", "pexpect": "process",
    "asyncio": "process", "popen2": "process", "commands": "process", "win32api": "process",
    "win32com": "process", "win32process": "process", "pythoncom": "process", "comtypes": "process",
    "sh": "process", "plumbum": "process", "pip": "process", "ensurepip": "process", "venv": "process",
    "distutils": "process", "setuptools": "process", "System.ServiceProcess": "process",
    "System.Management": "process", "Microsoft.VisualBasic": "process",
    "socket": "network", "ssl": "network", "urllib.request": "network", "urllib3": "network",
    "urllib2": "network", "httplib": "network", "http.client": "network", "http.server": "network",
    "requests": "network", "httpx": "network", "aiohttp": "network", "ftplib": "network",
    "smtplib": "network", "poplib": "network", "imaplib": "network", "telnetlib": "network",
    "nntplib": "network", "xmlrpc": "network", "socketserver": "network", "wsgiref": "network",
    "asyncore": "network", "asynchat": "network", "websocket": "network", "websockets": "network",
    "paramiko": "network", "webbrowser": "network", "antigravity": "network", "zmq": "network",
    "grpc": "network", "System.Net": "network", "System.Web": "network", "System.ServiceModel": "network",
    "System.Data.SqlClient": "network", "System.Data.Odbc": "network", "System.Data.OleDb": "network",
    "System.DirectoryServices": "network", "System.Windows.Forms.WebBrowser": "network",
    "Eto.Forms.WebView": "network",
    "ctypes": "ctypes", "_ctypes": "ctypes", "cffi": "ctypes", "mmap": "ctypes",
    "System.Runtime.InteropServices": "ctypes", "Rhino.Runtime.Interop": "ctypes",
    "Rhino.Runtime.InteropWrappers": "ctypes",
    "importlib": "dynamic-code", "runpy": "dynamic-code", "imp": "dynamic-code", "zipimport": "dynamic-code",
    "pkgutil": "dynamic-code", "code": "dynamic-code", "codeop": "dynamic-code", "pdb": "dynamic-code",
    "bdb": "dynamic-code", "trace": "dynamic-code", "profile": "dynamic-code", "cProfile": "dynamic-code",
    "timeit": "dynamic-code", "doctest": "dynamic-code", "marshal": "dynamic-code", "shelve": "dynamic-code",
    "dill": "dynamic-code", "cloudpickle": "dynamic-code", "jsonpickle": "dynamic-code",
    "copyreg": "dynamic-code", "site": "dynamic-code", "py_compile": "dynamic-code",
    "compileall": "dynamic-code", "logging.config": "dynamic-code", "pydoc": "dynamic-code",
    "unittest": "dynamic-code", "idlelib": "dynamic-code", "System.CodeDom": "dynamic-code",
    "System.Linq.Expressions": "dynamic-code", "System.Runtime.Serialization": "dynamic-code",
    "Microsoft.CSharp": "dynamic-code", "Microsoft.JScript": "dynamic-code",
    "Microsoft.CodeAnalysis": "dynamic-code", "Microsoft.Scripting": "dynamic-code",
    "IronPython": "dynamic-code", "Rhino.Runtime.PythonScript": "dynamic-code",
    "Rhino.Runtime.PythonCompiledCode": "dynamic-code", "Rhino.Runtime.Code": "dynamic-code",
    "Rhino.NodeInCode": "dynamic-code",
    "System.Reflection": "reflection", "System.Activator": "reflection", "System.AppDomain": "reflection",
    "System.Type": "reflection", "System.Runtime.Loader": "reflection",
    "System.Runtime.CompilerServices": "reflection", "System.Dynamic": "reflection",
    "Python.Runtime": "reflection", "Rhino.Runtime.AssemblyResolver": "reflection",
    "System.Runtime.Remoting": "reflection",
    "Rhino.Runtime.InProcess": "reflection",
    "threading": "threads", "_thread": "threads", "dummy_threading": "threads", "concurrent": "threads",
    "System.Timers": "threads", "System.ComponentModel.BackgroundWorker": "threads",
    "System.Windows.Forms.Timer": "threads", "Eto.Forms.UITimer": "threads",
    "System.Windows.Forms.SendKeys": "rhino-command",
    "signal": "exit", "_signal": "exit", "atexit": "exit", "faulthandler": "exit",
    "winreg": "environ", "_winreg": "environ", "Microsoft.Win32": "environ", "resource": "environ",
    "dbm": "file-write", "fileinput": "file-write", "zipapp": "file-write", "logging.handlers": "file-write",
    "mailbox": "file-write", "System.Security.AccessControl": "file-write",
    "Rhino.Runtime.ViewCaptureWriter": "file-write", "Rhino.FileIO.BinaryArchiveFile": "file-write",
    "Rhino.FileIO.BinaryArchiveWriter": "file-write",
    "__main__": "introspection",
}
# Single names (dotted, after resolution) and their rule.
UNSAFE_NAMES = {
    "builtins.eval": "dynamic-code", "builtins.exec": "dynamic-code", "builtins.compile": "dynamic-code",
    "builtins.__import__": "dynamic-code", "builtins.breakpoint": "dynamic-code",
    "builtins.globals": "introspection", "builtins.locals": "introspection", "builtins.vars": "introspection",
    "builtins.__build_class__": "introspection", "builtins.__loader__": "introspection",
    "builtins.__spec__": "introspection",
    "builtins.exit": "exit", "builtins.quit": "exit",
    "pickle.load": "dynamic-code", "pickle.loads": "dynamic-code", "pickle.Unpickler": "dynamic-code",
    "pickle._load": "dynamic-code", "pickle._loads": "dynamic-code", "pickle._Unpickler": "dynamic-code",
    "yaml.unsafe_load": "dynamic-code", "yaml.unsafe_load_all": "dynamic-code", "yaml.full_load": "dynamic-code",
    "yaml.full_load_all": "dynamic-code", "yaml.load_all": "dynamic-code", "yaml.Loader": "dynamic-code",
    "yaml.UnsafeLoader": "dynamic-code", "yaml.FullLoader": "dynamic-code",
    "types.FunctionType": "dynamic-code", "types.LambdaType": "dynamic-code", "types.CodeType": "dynamic-code",
    "types.FrameType": "introspection", "types.TracebackType": "introspection", "types.CellType": "introspection",
    "traceback.walk_stack": "introspection", "traceback.walk_tb": "introspection",
    "string.Formatter": "introspection", "typing.get_type_hints": "dynamic-code",
    "typing.ForwardRef": "dynamic-code", "platform.popen": "process",
    "locale.setlocale": "environ",
    "tempfile.mkstemp": "file-write", "tempfile.mkdtemp": "file-write", "tempfile.NamedTemporaryFile": "file-write",
    "tempfile.TemporaryFile": "file-write", "tempfile.SpooledTemporaryFile": "file-write",
    "tempfile.TemporaryDirectory": "file-write", "logging.FileHandler": "file-write",
    "numpy.save": "file-write", "numpy.savez": "file-write", "numpy.savetxt": "file-write",
    "numpy.savez_compressed": "file-write",
    "clr.AddReferenceToFile": "reflection", "clr.AddReferenceToFileAndPath": "reflection",
    "clr.AddReferenceByName": "reflection", "clr.AddReferenceByPartialName": "reflection",
    "clr.LoadAssemblyFromFile": "reflection", "clr.LoadAssemblyByName": "reflection",
    "System.Delegate.CreateDelegate": "reflection",
    "System.IO.File.Delete": "file-write", "System.IO.File.Move": "file-write",
    "System.IO.File.Copy": "file-write", "System.IO.File.Replace": "file-write",
    "System.IO.File.Create": "file-write", "System.IO.File.WriteAllText": "file-write",
    "System.IO.File.WriteAllLines": "file-write", "System.IO.File.WriteAllBytes": "file-write",
    "System.IO.File.AppendAllText": "file-write", "System.IO.File.AppendAllLines": "file-write",
    "System.IO.File.AppendText": "file-write", "System.IO.File.CreateText": "file-write",
    "System.IO.File.OpenWrite": "file-write", "System.IO.Directory.Delete": "file-write",
    "System.IO.Directory.Move": "file-write",
    "System.Environment.SetEnvironmentVariable": "environ",
    "System.Environment.Exit": "exit", "System.Environment.FailFast": "exit",
    "System.Windows.Forms.Application.Exit": "exit", "System.Windows.Forms.Application.ExitThread": "exit",
    "System.Windows.Forms.Application.Restart": "exit",
    "Rhino.RhinoApp.Exit": "exit", "rhinoscriptsyntax.Exit": "exit",
    "rhinoscriptsyntax.GetPlugInObject": "reflection",
    "rhinoscriptsyntax.SaveToolbarCollection": "file-write",
    "rhinoscriptsyntax.SaveToolbarCollectionAs": "file-write",
}


class Restricted(object):
    """A module or namespace whose members are allowed only when listed.

    allowed: member -> None (anything below it) or a set of sub-members (only those) or a dict
    of sub-member rules (everything else below it allowed). rules: member -> rule; prefixes:
    member-name prefix -> rule; default: the rule for any other member."""

    def __init__(self, allowed, default, rules=None, prefixes=None):
        self.allowed = allowed
        self.default = default
        self.rules = rules or {}
        self.prefixes = prefixes or {}

    def rule_for(self, rest: List[str], called: bool = False) -> Optional[str]:
        member = rest[0]
        if member in self.rules:
            return self.rules[member]
        for prefix, rule in self.prefixes.items():
            if member.startswith(prefix):
                return rule
        if member not in self.allowed:
            return self.default
        below = self.allowed[member]
        if len(rest) == 1:  # the member itself; calling a class with listed members only is refused
            return self.default if called and isinstance(below, set) else None
        if below is None:
            return None
        if isinstance(below, dict):
            return below.get(rest[1])
        return None if rest[1] in below else self.default


def _names(text: str) -> Dict[str, None]:
    return dict.fromkeys(text.split())


_ENVIRON_MUTATORS = {m: "environ" for m in ("update", "setdefault", "pop", "popitem", "clear",
                                            "__setitem__", "__delitem__")}
_PATH_MUTATORS = {m: "dynamic-code" for m in ("append", "insert", "extend", "remove", "pop", "clear",
                                              "__setitem__", "__delitem__", "__iadd__")}
_FILE_READERS = {"Exists", "ReadAllText", "ReadAllLines", "ReadAllBytes", "ReadLines", "OpenRead", "OpenText",
                 "GetAttributes", "GetCreationTime", "GetLastWriteTime", "GetLastAccessTime"}
_DIR_READERS = {"Exists", "GetFiles", "GetDirectories", "EnumerateFiles", "EnumerateDirectories",
                "GetCurrentDirectory", "GetFileSystemEntries", "EnumerateFileSystemEntries", "GetParent",
                "GetLogicalDrives", "GetCreationTime", "GetLastWriteTime"}

RESTRICTED = {
    "os": Restricted(
        dict(_names("path sep altsep extsep pathsep linesep defpath devnull curdir pardir name getenv getenvb "
                    "getcwd getcwdb listdir scandir walk stat lstat access cpu_count getpid getppid getlogin "
                    "urandom fspath fsencode fsdecode strerror get_terminal_size terminal_size times uname "
                    "PathLike DirEntry stat_result error F_OK R_OK W_OK X_OK SEEK_SET SEEK_CUR SEEK_END "
                    "get_exec_path getuid getgid geteuid getegid getgroups getloadavg isatty readlink"),
             environ=_ENVIRON_MUTATORS, environb=_ENVIRON_MUTATORS),
        "file-write",
        rules={"system": "process", "popen": "process", "fork": "process", "forkpty": "process",
               "startfile": "process", "posix_spawn": "process", "posix_spawnp": "process", "kill": "process",
               "killpg": "process", "register_at_fork": "process", "pipe": "process",
               "_exit": "exit", "abort": "exit", "putenv": "environ", "unsetenv": "environ", "chdir": "environ",
               "fchdir": "environ", "chroot": "environ", "umask": "environ", "nice": "environ",
               "add_dll_directory": "ctypes"},
        prefixes={"exec": "process", "spawn": "process", "set": "environ"}),
    "sys": Restricted(
        dict(_names("argv byteorder builtin_module_names copyright exc_info executable float_info "
                    "float_repr_style getdefaultencoding getfilesystemencoding getfilesystemencodeerrors "
                    "getrecursionlimit getrefcount getsizeof getswitchinterval getwindowsversion hexversion "
                    "implementation int_info hash_info maxsize maxunicode platform prefix base_prefix "
                    "exec_prefix base_exec_prefix stdout stderr stdin version version_info api_version "
                    "warnoptions flags stdlib_module_names thread_info is_finalizing dont_write_bytecode "
                    "winver platlibdir pycache_prefix orig_argv"), path=_PATH_MUTATORS),
        "introspection",
        rules={"exit": "exit", "meta_path": "dynamic-code", "path_hooks": "dynamic-code",
               "path_importer_cache": "dynamic-code"}),
    "shutil": Restricted(_names("which disk_usage get_terminal_size get_archive_formats get_unpack_formats "
                                "Error SameFileError"), "file-write"),
    "gc": Restricted(_names("collect isenabled enable disable get_count get_stats get_threshold set_threshold "
                            "is_tracked freeze unfreeze get_freeze_count"), "introspection"),
    "inspect": Restricted(_names("signature Signature Parameter getdoc cleandoc isclass isfunction ismethod "
                                 "ismodule isbuiltin isroutine isgenerator isgeneratorfunction "
                                 "iscoroutinefunction isabstract getfullargspec getsource getsourcelines "
                                 "getfile getmodulename getmro"), "introspection"),
    "System.IO": Restricted(
        dict(_names("Path StreamReader StringReader StringWriter MemoryStream TextReader BinaryReader "
                    "SearchOption FileAttributes FileMode FileAccess FileShare SeekOrigin DriveInfo "
                    "IOException FileNotFoundException DirectoryNotFoundException PathTooLongException "
                    "EndOfStreamException"), File=_FILE_READERS, Directory=_DIR_READERS),
        "file-write"),
    "System.Diagnostics": Restricted(_names("Stopwatch"), "process"),
    "System.Environment": Restricted(
        _names("GetFolderPath SpecialFolder NewLine MachineName UserName UserDomainName OSVersion "
               "Is64BitProcess Is64BitOperatingSystem ProcessorCount TickCount TickCount64 Version "
               "GetEnvironmentVariable GetEnvironmentVariables CurrentDirectory GetCommandLineArgs CommandLine "
               "SystemDirectory CurrentManagedThreadId HasShutdownStarted GetLogicalDrives "
               "ExpandEnvironmentVariables"),
        "environ", rules={"Exit": "exit", "FailFast": "exit"}),
    "System.Threading": Restricted({"Thread": {"Sleep", "CurrentThread"}}, "threads"),
    "Rhino.ApplicationSettings.CommandAliasList": Restricted(
        _names("GetMacro GetNames IsAlias Count ToDictionary"), "rhino-command"),
    "Rhino.Runtime.HostUtils": Restricted(
        _names("RunningOnWindows RunningOnOSX RunningInRhino RunningInMono RunningAsRhinoInside RunningOnServer "
               "RunningInDarkMode RunningInNetCore RunningInNetFramework RunningOniOS RunningInWindowsContainer "
               "FileNameEndsWithRhinoExtension FileNameEndsWithRhinoBackupExtension IsRhinoFileExtension "
               "IsRhinoBackupFileExtension"), "reflection"),
}
_RESTRICTED_ORDER = sorted(RESTRICTED, key=len, reverse=True)
_MODULE_ORDER = sorted(UNSAFE_MODULES, key=len, reverse=True)

# Module-level aliases of the same thing.
EQUIVALENT = {"posix": "os", "nt": "os", "_os": "os", "__builtin__": "builtins", "_io": "io", "_sys": "sys",
              "_pickle": "pickle", "_socket": "socket", "_ssl": "ssl", "_subprocess": "subprocess",
              "_posixsubprocess": "subprocess", "_winapi": "subprocess"}
# Attribute names that re-root a chain at a module: `shutil.os.system` is os.system,
# `rs.utility.System.Diagnostics.Process` is System.Diagnostics.Process.
REROOT = {"os", "_os", "sys", "_sys", "subprocess", "_subprocess", "builtins", "__builtin__", "shutil",
          "socket", "_socket", "ctypes", "System", "Rhino", "clr", "importlib", "threading", "_thread",
          "signal", "pickle", "marshal", "gc", "inspect", "posix", "nt", "multiprocessing", "asyncio"}
REROOT_MODULES_ONLY = {"io", "_io", "urllib", "http", "tempfile", "pathlib", "shelve", "runpy", "code"}

# Builtins the scan follows (anything else is a harmless builtin or a name the script made).
INTERESTING_BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint", "globals", "locals", "vars",
                        "getattr", "setattr", "delattr", "hasattr", "open", "exit", "quit", "__build_class__",
                        "__loader__", "__spec__", "SystemExit"}
ATTRIBUTE_BUILTINS = {"getattr", "setattr", "delattr", "hasattr"}

# Dunder attributes with no reach beyond the object itself.
DUNDER_OK = set(("__name__ __qualname__ __doc__ __module__ __init__ __len__ __iter__ __next__ __contains__ "
                 "__getitem__ __setitem__ __delitem__ __enter__ __exit__ __eq__ __ne__ __lt__ __le__ __gt__ "
                 "__ge__ __hash__ __str__ __repr__ __format__ __bool__ __add__ __sub__ __mul__ __truediv__ "
                 "__floordiv__ __mod__ __pow__ __neg__ __pos__ __abs__ __radd__ __rsub__ __rmul__ "
                 "__rtruediv__ __rfloordiv__ __iadd__ __isub__ __imul__ __itruediv__ __and__ __or__ __xor__ "
                 "__invert__ __lshift__ __rshift__ __matmul__ __float__ __int__ __round__ __index__ __copy__ "
                 "__deepcopy__ __sizeof__ __version__ __file__ __all__ __slots__ __annotations__ "
                 "__author__ __reversed__ __missing__ __call__").split())
# Bare dunder names a script may read.
DUNDER_NAMES_OK = {"__name__", "__file__", "__doc__", "__package__", "__debug__", "__annotations__",
                   "__all__", "__version__", "__author__", "__qualname__", "__module__", "__slots__"}
# Attributes that lead from a value to frames, code or globals.
FRAME_ATTRS = set(("f_globals f_locals f_back f_builtins f_code f_trace gi_frame gi_code gi_yieldfrom "
                   "cr_frame cr_code cr_await ag_frame ag_code tb_frame tb_next func_globals func_code "
                   "func_closure im_func im_self").split())
# .NET reflection members, on any receiver.
REFLECTION_ATTRS = set(("Assembly GetMethod GetMethods GetField GetFields GetMember GetMembers GetConstructor "
                        "GetConstructors InvokeMember CreateInstance CreateInstanceFrom CreateDelegate "
                        "DynamicInvoke GetTypeFromProgID GetTypeFromCLSID LoadFrom LoadFile UnsafeLoadFrom "
                        "LoadWithPartialName DefineDynamicAssembly GetAssemblies GetExportedTypes GetTypes "
                        "MethodHandle GetRuntimeMethod GetRuntimeMethods GetRuntimeFields GetRuntimeProperties "
                        "GetPlugInObject").split())
# Methods whose name alone says "writes a file", whatever the receiver.
FILE_WRITE_ATTRS = set(("WriteFile Write3dmFile SaveAs SaveAsTemplate SaveAsImage SaveToFile SaveFileAs "
                        "SaveDibAsBitmap SaveRenderImageAs Export ExportSelected ExportToFile ExportToFiles "
                        "ExportWithOrigin WriteToFile WriteWithLog WriteMultipleObjects WriteOneObject "
                        "WriteAllText WriteAllLines WriteAllBytes AppendAllText AppendAllLines "
                        "save savefig savetxt savez savez_compressed tofile to_csv to_excel to_pickle "
                        "to_parquet to_hdf to_feather extractall write_text write_bytes unlink rmdir touch "
                        "mkdir symlink_to hardlink_to link_to chmod lchmod rename").split())
# `.Save()` writes a file except on these document tables (named layer states and positions).
SAVE_OK_RECEIVERS = {"NamedLayerStates", "NamedPositions"}
# Methods that may not even be referenced without a direct call (`w = doc.WriteFile` hides the call).
METHOD_VALUES = set(("WriteFile Write3dmFile SaveAs SaveAsTemplate ExportSelected ExportWithOrigin WriteAllText "
                     "WriteAllBytes WriteAllLines RunScript ExecuteCommand SendKeystrokes InvokeOnUiThread "
                     "LoadPlugIn ExecuteScript ExecuteFile").split())
# `.Write()` with a receiver that resolves to one of these only prints.
WRITE_OK_TARGETS = ("Rhino.RhinoApp", "System.Console", "sys.stdout", "sys.stderr", "Rhino.RhinoApp.CommandLineOut")
EXIT_ATTRS = {"Exit", "Quit", "FailFast", "ExitThread"}
THREAD_ATTRS = {"InvokeOnUiThread", "InvokeAndWait", "start_new_thread", "QueueUserWorkItem", "RunWorkerAsync",
                "AsyncInvoke", "BeginInvoke"}
DYNAMIC_ATTRS = {"LoadPlugIn", "ExecuteScript", "ExecuteFile", "ExecuteFileInScope", "RunProxyCommand"}
# Calls that run a Rhino command string: receiver-independent.
COMMAND_ATTRS = {"Command", "RunScript", "ExecuteCommand", "SendKeystrokes", "RunMenuScript", "AddAlias",
                 "AliasMacro"}
COMMAND_TARGETS = {"rhinoscriptsyntax.Command", "rhinoscriptsyntax.SendKeystrokes", "rhinoscriptsyntax.AddAlias",
                   "rhinoscriptsyntax.AliasMacro", "Rhino.RhinoApp.RunScript", "Rhino.RhinoApp.ExecuteCommand",
                   "Rhino.RhinoApp.SendKeystrokes", "Rhino.RhinoApp.RunMenuScript"}
# Every method name with a rule of its own; none may be used except by a direct call
# (`f = bmp.Save`, getattr(doc, "WriteFile"), operator.attrgetter("Save") hide the call).
# Receivers where the same names are enum values or classes are exempt.
METHOD_NAMES = (FILE_WRITE_ATTRS | {"Save", "Write"} | EXIT_ATTRS | THREAD_ATTRS | DYNAMIC_ATTRS | COMMAND_ATTRS
                | METHOD_VALUES | REFLECTION_ATTRS)
METHOD_NAME_EXEMPT = ("Rhino.Input.Custom.GetFileNameMode", "Rhino.Commands", "Rhino.Input.GetResult",
                      "Rhino.Commands.Result")
# Arguments of a command call that are not the command text.
COMMAND_SIDE_ARGS = ("RuntimeSerialNumber", "ActiveDoc", "doc", "Doc")

# Rhino command words (lower case, without the _ - ! ' prefixes) a script may not run. Substrings
# match anywhere in a word; the "first or dashed" words only as a command (first word, or `-Word`),
# since they are also common option names (`_-Layer _New`, `_-Polyline ... _Close`).
COMMAND_SUBSTRINGS = ("export", "save", "script", "python", "plugin", "package", "commandfile", "tofile",
                      "mail", "macro", "player", "exit", "quit", "speicher", "enregistr", "guardar", "salva",
                      "beenden", "quitter")
COMMAND_WORDS = {"open", "print", "options", "runcode", "restart", "share", "revert", "salir", "esci", "konec"}
COMMAND_WORDS_AS_COMMAND = {"new", "close", "run"}

# Callables that open files: the positional index of their mode argument.
OPENERS = {"builtins.open": 1, "io.open": 1, "codecs.open": 1, "os.fdopen": 1, "io.FileIO": 1, "gzip.open": 1,
           "bz2.open": 1, "lzma.open": 1, "tarfile.open": 1, "zipfile.ZipFile": 1, "wave.open": 1,
           "aifc.open": 1, "sunau.open": 1,
           "gzip.GzipFile": 1, "bz2.BZ2File": 1, "lzma.LZMAFile": 1, "tarfile.TarFile": 1}
# Calls that need a look at their arguments (and are refused as bare values).
SPECIAL_CALLS = {"builtins.getattr", "builtins.setattr", "builtins.delattr", "builtins.hasattr",
                 "operator.attrgetter",
                 "operator.methodcaller", "clr.AddReference", "logging.basicConfig", "sqlite3.connect",
                 "yaml.load", "rhinoscriptsyntax.AutosaveFile"} | set(OPENERS) | COMMAND_TARGETS
# Prefixes that never count as sensitive values (reading them is fine, passing them around too).
NOT_SENSITIVE = {"os.environ", "os.environb", "sys.path", "sys.stdout", "sys.stderr", "sys.argv"}


def _prefixes(names: Iterable[str]) -> Set[str]:
    out = set()
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts)):
            out.add(".".join(parts[:i]))
    return out


# Modules and namespaces that cannot be passed around as values: they hold something refused.
SENSITIVE = (_prefixes(list(UNSAFE_NAMES) + list(SPECIAL_CALLS)) | set(RESTRICTED)
             | _prefixes(RESTRICTED) | {"builtins", "os", "sys"}) - NOT_SENSITIVE


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def display(target: str, bare: bool = False) -> str:
    if bare and target.startswith("builtins."):
        return target[len("builtins."):]
    for long, short in (("rhinoscriptsyntax.", "rs."), ("scriptcontext.", "sc.")):
        if target.startswith(long):
            return short + target[len(long):]
    return target


def normalize(target: str) -> str:
    """Equivalent module names, then re-rooting at the last module named inside the chain."""
    parts = target.split(".")
    if parts[0] in EQUIVALENT:
        parts[0] = EQUIVALENT[parts[0]]
    dotnet = parts[0] in ("System", "Rhino", "Eto", "Microsoft", "Grasshopper")
    for i in range(len(parts) - 1, 0, -1):
        name = parts[i]
        if name in REROOT or name in REROOT_MODULES_ONLY:
            if dotnet and name in ("System", "Rhino"):
                continue  # enum values such as Rhino.UI.PanelType.System
            root = EQUIVALENT.get(name, name)
            return ".".join([root] + parts[i + 1:])
    return ".".join(parts)


def classify(target: str, called: bool = False) -> Tuple[Optional[str], Optional[str]]:
    """(rule, unsafe module prefix matched or None) for a resolved dotted name; (None, None) if fine."""
    parts = target.split(".")
    for i in range(len(parts), 1, -1):  # the name itself or anything reached from it (os.system.__call__)
        rule = UNSAFE_NAMES.get(".".join(parts[:i]))
        if rule is not None:
            return rule, None
    for prefix in _RESTRICTED_ORDER:
        if target.startswith(prefix + "."):
            rule = RESTRICTED[prefix].rule_for(target[len(prefix) + 1:].split("."), called)
            return rule, None
    for prefix in _MODULE_ORDER:
        if target == prefix or target.startswith(prefix + "."):
            return UNSAFE_MODULES[prefix], prefix
    top = target.split(".")[0]
    if top.startswith("_") and not is_dunder(top):
        return "introspection", top  # private and C modules (_winapi, _posixshmem, ...)
    return None, None


# ---- Rhino command strings ---------------------------------------------------------------------
_NUMERIC_SPEC = re.compile(r"[-+ #0-9.,_%]*[bdeEfFgGnoxX%]$")
_PERCENT_SPEC = re.compile(r"%(\([^)]*\))?[-+ #0]*(\*|\d+)?(\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")


def literal_str(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def numeric_value(node: ast.AST) -> bool:
    """A number written in the script (constants and arithmetic on them)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool) or node.value is None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return numeric_value(node.operand)
    if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Mod):
        return numeric_value(node.left) and numeric_value(node.right)
    return False


HOLE = " 0 "  # what a number formatted into a command is taken to be (spaces: it ends a word)


def command_text(node: ast.AST, number=numeric_value) -> Optional[str]:
    """The text of a command argument when it is literal: a string constant, literal pieces joined
    with +, or a literal template whose holes can only hold numbers: %d/%f/%g... (Python converts
    the value to a number), or any hole whose value is a number written in the script or an exact
    float(...)/int(...) (`number` decides); a hole reads as HOLE. None when the text is decided at
    run time (a str from a variable could hold any command)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = command_text(node.left, number), command_text(node.right, number)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.JoinedStr):
        out = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                out.append(str(value.value))
                continue
            spec = value.format_spec if isinstance(value, ast.FormattedValue) else None
            spec_text = "" if spec is None else command_text(spec, lambda n: False)
            if not (isinstance(value, ast.FormattedValue) and number(value.value) and spec_text is not None
                    and (not spec_text or _NUMERIC_SPEC.match(spec_text))):
                return None
            out.append(HOLE)
        return "".join(out)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        template = literal_str(node.left)
        if template is None or "*" in template:
            return None
        values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        holes = [m for m in _PERCENT_SPEC.finditer(template) if m.group(5) != "%"]
        for i, match in enumerate(holes):
            if match.group(5) in "diouxXeEfFgG" or (match.group(1) is None and i < len(values)
                                                      and number(values[i])):
                continue
            return None
        return _PERCENT_SPEC.sub(lambda m: "%" if m.group(5) == "%" else HOLE, template)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and literal_str(node.func.value) is not None):
        try:
            fields = list(string.Formatter().parse(node.func.value.value))
        except ValueError:
            return None
        out, auto = [], 0
        for literal, field, spec, conversion in fields:
            out.append(literal)
            if field is None:
                continue
            if field == "":
                field, auto = str(auto), auto + 1
            value = None
            if field.isdigit() and int(field) < len(node.args):
                value = node.args[int(field)]
            for keyword in node.keywords:
                if keyword.arg == field:
                    value = keyword.value
            if value is None or not number(value) or (spec and not _NUMERIC_SPEC.match(spec)) or "{" in spec:
                return None
            out.append(HOLE)
        return "".join(out)
    return None


def bad_command(text: str) -> Optional[str]:
    """The first word of a Rhino macro that saves, exports, runs scripts or exits; None if none."""
    tokens = re.findall(r'"[^"]*"|\S+', text)
    for position, token in enumerate(tokens):
        bare = token.strip("\"")
        word = bare.lstrip("_-!'.* ").rstrip(",;").lower()
        dashed = "-" in bare[:len(bare) - len(bare.lstrip("_-!'.* "))]
        if word in COMMAND_WORDS or any(part in word for part in COMMAND_SUBSTRINGS):
            return token
        if word in COMMAND_WORDS_AS_COMMAND and (position == 0 or dashed):
            return token
    return None


def method_rule(name: str) -> str:
    if name in COMMAND_ATTRS:
        return "rhino-command"
    if name in THREAD_ATTRS:
        return "threads"
    if name in DYNAMIC_ATTRS:
        return "dynamic-code"
    if name in EXIT_ATTRS:
        return "exit"
    if name in REFLECTION_ATTRS:
        return "reflection"
    return "file-write"
