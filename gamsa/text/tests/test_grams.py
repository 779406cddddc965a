"""Character n-grams and search bigrams."""

from gamsa.text.grams import bigram_terms, char_ngrams, query_bigrams


def test_char_ngrams_are_word_bounded():
    grams = char_ngrams("불법주차 단속")
    assert grams == ["불법", "법주", "주차", "단속", "불법주", "법주차"]
    assert "차단" not in grams  # never across the space


def test_char_ngrams_keep_single_characters_and_normalise():
    assert char_ngrams("차 A!") == ["차", "a"]
    assert char_ngrams("차") == ["차"]
    assert sorted(char_ngrams("가 나다")) == ["가", "나다"]
    assert char_ngrams("주차", n=(3,)) == []
    assert char_ngrams("") == []


def test_char_ngrams_count_repeats():
    assert char_ngrams("주차 주차").count("주차") == 2


def test_bigram_terms():
    assert bigram_terms("불법주차 단속") == "불법 법주 주차 단속"
    assert bigram_terms("불법주차, 불법주차!") == "불법 법주 주차"  # distinct, first-seen order
    assert bigram_terms("차 소음") == "차 소음"
    assert bigram_terms(None) == ""


def test_query_bigrams():
    assert query_bigrams("불법주차") == "불법 법주 주차"
    assert query_bigrams("주차") == "주차"
    assert query_bigrams("차") == "차"
    assert query_bigrams(" 소음 민원 ") == "소음 민원"
    # every query term is an indexed term of a text containing the keyword
    indexed = set(bigram_terms("영등포로 123 앞 불법주차 단속 요청").split())
    assert set(query_bigrams("불법주차").split()) <= indexed
