// TcpglintSystem: the one target that calls the operating system about files and paths, with
// POSIX calls only (no Foundation, so start-up stays fast), and the thread helpers that the pack
// loader and the CLI share. The targets that need files go through it; the architecture test
// holds every other target (but the build tool and the test support) to that.
//
// Folders:
//   Files/        FileSystem (reads with a size limit, listings, what a path is, writes that throw),
//                 AtomicFile, StandardStream (standard output and error, first failure kept), Paths
//   Concurrency/  Concurrent.map (input order kept); Parallel (ordered results, threads, channels)
//
// Imports: no Tcpglint module and no package dependency, only the system's (Glibc, Dispatch,
// Synchronization): it is the bottom of the stack.
