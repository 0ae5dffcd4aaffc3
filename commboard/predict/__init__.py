"""Word completion, next-word prediction and next-letter likelihoods (pure core).

``language_data`` finds and reads a language's base word and word-pair counts;
``word_model`` ranks words from them; ``personal`` keeps what one patient has
said (one file per profile); ``predictor`` combines the two into the word
slots and the letter likelihoods the Spell page shows and scans by;
``text`` splits a message into the words before the cursor and the word
being spelled.  See ``docs/prediction.md``.
"""
