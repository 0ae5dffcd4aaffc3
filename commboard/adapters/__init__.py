"""Adapters: the only modules that touch devices and third-party I/O (camera, MediaPipe,
speech, pygame input, installed fonts, layout files loaded in a worker thread).
Each implements a Protocol from the core.

* the camera: ``camera_spec`` (a ``--camera`` value to its frame source),
  ``opencv_frames`` (webcams and video files), ``opencv_quiet`` (OpenCV for the camera
  thread), ``synthetic_face`` and ``face_animation`` (a camera filming a face photo
  acting out a script), ``mediapipe_import`` and ``mediapipe_mesh`` (Face Mesh as a
  ``LandmarkDetector``), ``camera_worker`` (``VisionFeed``: the pipeline without
  blocking the frame loop), ``landmark_memory`` (the newest landmarks, for the camera
  view);
* speech: ``pyttsx3_speaker`` (the board's voice), ``speech_worker`` (the worker
  process, seen from the board), ``pyttsx3_synth`` (what runs inside it),
  ``audio_player`` (a WAV played by a child process that can be killed),
  ``paced_player`` (a stand-in for ``aplay`` without a sound card), ``wav_speaker``
  (``--speech wav:DIR``), ``clean_spawn`` (a child process with a clean import path),
  ``native_stderr`` (native libraries' log lines kept off the terminal);
* input and fonts: ``pygame_input`` (keyboard and mouse -> logical events),
  ``font_choice`` (a font with a glyph for every character of a label), ``font_runs``
  (writing no one font has cut into runs, one font each);
* layouts on disk: ``layout_loading`` (a chosen layout loaded off the frame loop),
  ``layout_shipped_copy`` (where a layout's files are; a shipped one copied for the
  carer), ``layout_save`` (a page edited in the board saved), with its steps
  ``layout_roundtrip`` (round-trip YAML documents of the files), ``layout_page_update``
  (only what changed rewritten), ``layout_page_remove`` (a page removed with the cells
  that open it), ``layout_read_back`` (a new file read back with the loader's parser),
  ``layout_file_writes`` (files written safely, the previous one kept as ``.bak``),
  ``layout_save_outcome`` (what a save gives back), ``picture_copy`` (pictures copied
  into the layout folder);
* boards in and out: ``obz_archive`` (reading an OBZ that may have been made to do
  harm), ``board_exchange`` (``commboard import``, ``export`` and ``print``),
  ``board_exchange_menu`` (the same from the carer menu's layout picker);
* ``word_data_loading`` -- a language's word lists read off the frame loop;
* ``background_work`` -- slow carer work with files (a history deletion, a report,
  an export) run off the frame loop, one at a time.

pygame's import greeting is turned off (see ``commboard.shell``).
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
