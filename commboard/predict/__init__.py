"""Word completion, next-word prediction and next-letter likelihoods (pure core).

``language_data`` finds and reads a language's base word and word-pair counts;
``ranked_words`` keeps a word list with probabilities, searchable by prefix
(the building block every model ranks words with); ``personal`` counts what
one patient has said, and ``personal_file`` keeps it on disk (one private
file per profile); ``predictor`` combines the two into the word slots and
the letter likelihoods the Spell page shows and scans by; ``text`` splits a
message into the words before the cursor and the word being spelled.  See
``docs/prediction.md``.
"""
