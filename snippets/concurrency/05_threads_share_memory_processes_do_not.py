import multiprocessing
import threading

notes = []


def add_note(note: str) -> None:
    notes.append(note)


# A new process may import this file again: only the parent runs this part.
if __name__ == "__main__":
    thread = threading.Thread(target=add_note, args=["written by a thread"])
    thread.start()
    thread.join()
    print(f"after the thread:  {notes}")

    note = "written by a process"
    process = multiprocessing.Process(target=add_note, args=[note])
    process.start()
    process.join()
    print(f"after the process: {notes}")
