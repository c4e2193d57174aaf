"""Claims from the dependency parse of one turn: who works where and as what, who wrote,
founded, studied, hosts or interviews, and who recommends or advises what.

Works on a processed spaCy ``Doc`` (no spaCy import needed). Both ends of a claim are
entities of the turn; "I"/"my"/"we" are the speaker, "he"/"she" the person the turn is
about (the last person named, else the document's guest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kgraph.extract.labels import TYPES

SUBJECT_DEPS = ("nsubj", "nsubjpass")
FIRST_PERSON = {"i", "we", "me", "my", "us", "our"}
THIRD_PERSON = {"he", "she", "him", "her"}
PEOPLE_PRONOUNS = FIRST_PERSON | THIRD_PERSON | {"they", "you", "someone", "somebody", "people"}
WORK_VERBS = {
    "work",
    "be",
    "join",
    "intern",
    "lead",
    "manage",
    "spend",
    "move",
    "switch",
    "transition",
    "start",
    "stay",
    "serve",
    "come",
    "hire",
    "begin",
    "promote",
    "become",
    "head",
    "run",
}
"""Verbs that say where someone works when the organization is their object or follows
at/for/in ("worked at", "joined", "was hired by", "led a team at", "spent two years at")."""
MOVE_VERBS = {"move", "switch", "transition", "come"}
"""Moving to a place is not employment: these count only for a known organization."""
EMPLOY_NOUNS = {
    "team",
    "time",
    "year",
    "month",
    "role",
    "position",
    "job",
    "internship",
    "stint",
    "group",
    "department",
    "division",
    "career",
    "company",
    "startup",
    "firm",
    "lab",
    "organization",
}
"""Nouns between a work verb and the organization that keep the employment reading
("led a team at X", "spent two years at X"); any other noun ("problems in X", "X's site")
makes the organization part of something else."""
CAREER_NOUNS = {"experience", "journey", "work", "path", "entry", "start", "beginning"}
"""Nouns that "as <role>" may hang off for a claim of that role ("my journey as a data
analyst", "my work as a data scientist")."""
FOUND_VERBS = {"found", "co-found", "cofound", "start", "launch", "create", "establish"}
STUDY_VERBS = {"study", "graduate", "major", "enroll", "attend", "finish", "complete"}
STUDY_WORDS = {
    "phd",
    "ph.d.",
    "degree",
    "master",
    "masters",
    "bachelor",
    "bachelors",
    "msc",
    "bsc",
    "doctorate",
    "studies",
}
WRITE_VERBS = {"write", "author", "publish", "co-author", "coauthor", "release"}
ROLE_VERBS = {
    "be",
    "work",
    "become",
    "join",
    "serve",
    "hire",
    "promote",
    "start",
    "get",
    "move",
    "switch",
    "transition",
    "stay",
    "begin",
    "intern",
    "grow",
    "come",
}
PAST_CUES = {
    "before",
    "previously",
    "formerly",
    "earlier",
    "ago",
    "used",
    "prior",
    "past",
    "former",
    "back",
}
PRESENT_CUES = {"currently", "now", "today", "nowadays", "presently"}
INTRO = re.compile(
    r"\b(special guest|our guest|guest today|welcome|joining us|with us today|pleasure to "
    r"(welcome|have)|introduce|today we have|we have \w+ (with us|here))\b",
    re.I,
)
PLATFORM_PARTS = (
    "channel", "account", "page", "group", "workspace", "server", "profile", "community",
    "handle", "playlist",
)  # fmt: skip
"""What one has on a platform: "our YouTube channel" is hosted on YouTube, not YouTube."""
HOSTS = re.compile(r"\b(welcome to|this is|brought to you by|part of|our) (the )?$", re.I)
RECOMMEND = re.compile(
    r"\b(recommend(?!ation|er)\w*|suggest(?!ion)\w*|advis(?!or)\w+|must[- ]read|"
    r"worth (reading|it|buying|checking|doing|trying|"
    r"(?!(mentioning|noting|saying|pointing|adding|discussing|talking|asking)\b)\w+ing)|"
    r"check (it )?out|"
    r"(?<!all )the best\b|best (book|resource|way|thing|"
    r"source|course)|favou?rite|helped me|useful|helpful|valuable|invaluable|worthwhile|"
    r"beneficial|great|fantastic|excellent|amazing|awesome|wonderful|"
    r"i (do |did |don'?t |didn'?t )?(not |never )?(really )?"
    r"(love|like|liked|loved|enjoy|enjoyed)|works? (incredibly |"
    r"really |very |extremely )?well|go for)\b",
    re.I,
)
ADVISE = re.compile(
    r"\b(you should|you need to|you have to|you must|you'd better|make sure|try to|it'?s "
    r"(very |really |super )?(important|crucial|essential|key|good|useful|helpful) to|"
    r"important|good idea|(good|great|better|fantastic|excellent) way|don'?t forget|"
    r"i('d| would) (say|advise)|"
    r"should (also )?"
    r"(be|do|have|write|read|learn|focus|practice|try|start|get|go|take|spend|think|ask|"
    r"build|use|work|prepare))\b",
    re.I,
)
DISCOURAGE = re.compile(
    r"\b(overrated|useless|(a |an )?(complete |total |absolute )?waste of (time|money)|"
    r"(a )?(bad|terrible) idea|stay away from|don'?t bother)\b",
    re.I,
)
"""Cues that judge against what they speak about: a recommendation, negated."""
VERBAL_RECOMMEND = re.compile(
    r"\b(recommend(?!ation|er)\w*|suggest(?!ion)\w*|advis(?!or)\w+|must[- ]read|worth|"
    r"check (it )?out|i (do |did |don'?t |didn'?t )?(not |never )?(really )?"
    r"(love|like|liked|loved|enjoy|enjoyed)|go for)\b",
    re.I,
)
"""Cues that recommend an organization (a product, a platform); praise words alone
("great", "the best") say nothing about an organization named nearby."""
DISCOURSE_VERBS = {
    "let", "imagine", "say", "suppose", "assume", "pretend", "look", "see", "wait", "thank",
    "excuse", "listen", "hear", "hold", "mind", "guess", "remember", "tell",
}  # fmt: skip
"""Imperatives that steer the talk ("let's talk about X", "imagine a team", "tell me about
X"), not advice."""
CONTRAST_NOUNS = {
    "difference", "comparison", "choice", "gap", "tradeoff", "trade-off", "distinction",
    "line", "overlap", "similarity", "decide", "choose", "compare", "pick", "balance",
    "differentiator", "differ", "distinguish", "versus",
}  # fmt: skip
"""Words before "between A and B" that compare A and B."""
POINTERS = {"those", "these", "this", "that", "it", "they", "both"}
GENERIC_NOUNS = {"thing", "something", "one", "part", "stuff", "what", "way", "lot", "bit"}
"""Nouns that stand for what the rest of the sentence names ("the thing I like: X")."""
CATEGORY_NOUNS = {
    "course", "book", "tool", "platform", "framework", "library", "model", "approach",
    "project", "system", "program", "programme", "certification", "class", "team", "role",
    "job", "position", "method", "technique", "service", "product", "solution", "language",
    "stack", "pipeline", "community", "documentation", "doc", "paper", "skill", "field",
    "interview", "question", "competition", "challenge", "exercise", "practice", "work",
    "experience", "knowledge", "background", "degree", "bootcamp", "resource", "material",
}  # fmt: skip
"""Nouns for the kind of thing a name before them is: "the Grokking course"."""
AVOID_VERBS = {
    "avoid", "stop", "quit", "eliminate", "prevent", "reduce", "minimize", "minimise",
    "remove", "ditch", "abandon", "escape", "beware", "resist", "rid", "skip",
}  # fmt: skip
"""Verbs whose object the advice is against: "avoid technical debt"."""
AVOIDED_PATH = ("dobj", "pobj", "prep", "xcomp", "pcomp", "compound", "amod", "nmod", "acomp")
"""Dependencies from an object up to the verb that governs it ("stop using Excel",
"get rid of Excel"); a clause or conjunct boundary ends the way up."""
SETTING_MARKS = {"before", "after", "when", "while", "once", "until", "if", "unless", "because"}
"""Conjunctions of a clause that sets the scene for the advice given beside it, or gives
its reason."""
DOUBLE_NEGATIVE_VERBS = {"forget", "hesitate", "miss", "underestimate", "neglect"}
"""Verbs whose negation advises: "don't forget to write it down", "don't hesitate to ask"."""
SUPPOSE_VERBS = {"say", "suppose", "imagine", "assume", "pretend"}
"""Verbs that set up a supposition: a role in the clause they govern is not held."""
YOU_SAID = re.compile(
    r"\byou(?:'ve)? (?:also |just |already )?(?:said|mentioned|told us|talked about|"
    r"suggested|recommended|wrote that)\b",
    re.I,
)
"""Advice the speaker reports from the person they talk to."""
HEDGE = re.compile(r"\W*(?:(?:at least|anyway|probably|maybe|honestly)\W*)*")
HOW_TO = re.compile(
    r"\bhow (?:to|(?:do|can|would|should) (?:you|we|i)|(?:you|we|i|they) (?:should|need to|"
    r"have to|can|could|would))\s*$",
    re.I,
)
"""Words before a cue that make it the topic of a question ("how to make sure ...",
"how we can try to"), not advice; so does "how" before a cue "you should" ("how you should
read job descriptions"). "How important it is to ..." still advises."""
SPEECH_VERBS = {"say", "tell", "ask", "go", "write", "think", "reply", "answer", "be"}
"""Verbs that introduce quoted words ("they said, “...”", "he was like, “...”")."""
OPENING_QUOTES = {"\u201c": "\u201d", '"': '"'}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis"}
QUOTE_CLOSERS = " \"'\u201d\u2019)]"
MODALS = {"should", "could", "would", "might", "may", "can", "must", "'d", "\u2019d"}
WISH_VERBS = {"have", "want", "need", "try", "hope", "wish", "like", "plan", "aim", "dream"}
NEGATION = {"not", "n't", "never", "no", "don't", "dont", "nor", "without"}
FOUNDER_CUE = re.compile(
    r"\b(behind|founder of|co-?founder of|creator of|who (co-?)?founded"
    r"|who started|who created|founded)\b",
    re.I,
)


@dataclass(frozen=True)
class Ref:
    """One end of a claim as found in the text: entity type, surface text, and key
    (canonical name when known). ``speaker=True`` when it stands for the turn's speaker."""

    type: str
    text: str
    key: str
    speaker: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "key": self.key, "speaker": self.speaker}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ref:
        return cls(d["type"], d["text"], d["key"], bool(d.get("speaker", False)))


@dataclass(frozen=True)
class RawClaim:
    """A claim as extracted from one sentence, before resolution."""

    subject: Ref
    predicate: str
    object: Ref
    sentence: str
    negated: bool = False


def ref_of(span: Any) -> Ref:
    etype = TYPES[span.label_]
    return Ref(etype, span.text, (span.kb_id_ or span.text).split("|")[0])


class ClaimFinder:
    """Claims of one turn. ``speaker``: the turn's speaker label (or None); ``guest``: the
    person a host's "he"/"she" most likely stands for."""

    def __init__(self, doc: Any, speaker: str | None, guest: str | None, turn_index: int):
        self.doc = doc
        self.speaker = Ref("person", speaker, speaker, speaker=True) if speaker else None
        self.guest = Ref("person", guest, guest) if guest and guest != speaker else None
        self.turn_index = turn_index
        self.ent_of: dict[int, Any] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.focus: Ref | None = None
        self.claims: list[RawClaim] = []
        self.reported_spans = reported_quotes(doc)
        # quotations the speaker does not introduce as their own words: "Or “I'm a software
        # engineer, I want to become a data engineer.”" voices someone, it is no self-report
        self.voiced_spans = [
            (start, end) for start, end in quotations(doc) if introduced_by(doc, start) != "speaker"
        ]

    def in_reported_quote(self, token: Any) -> bool:
        """Whether ``token`` is inside words the speaker quotes from someone else."""
        return any(start <= token.idx < end for start, end in self.reported_spans)

    # ---------------------------------------------------------------- helpers
    def add(
        self,
        subject: Ref | None,
        predicate: str,
        obj: Ref | None,
        sentence: str,
        negated: bool = False,
    ) -> None:
        if subject is None or obj is None:
            return
        if subject.type == obj.type and subject.key == obj.key:
            return
        claim = RawClaim(subject, predicate, obj, sentence, negated)
        if claim not in self.claims:
            self.claims.append(claim)

    def person_ref(self, token: Any) -> Ref | None:
        """The person a subject token stands for."""
        low = token.lower_
        if low in FIRST_PERSON:
            return self.speaker if low not in ("we", "us", "our") or self.speaker else None
        if low in THIRD_PERSON:  # "Bill Gates worked on it when he was a student": Bill Gates
            named = [e for e in token.sent.ents if e.label_ == "PERSON" and e.end <= token.i]
            return ref_of(named[-1]) if named else self.focus or self.guest
        ent = self.ent_of.get(token.i)
        if ent is not None and ent.label_ in ("PERSON", "ROLE", "CONCEPT"):
            return ref_of(ent)
        return None

    def subject_of(self, verb: Any) -> tuple[Any | None, Any]:
        """(subject token, verb whose subject it is), climbing conj/xcomp chains."""
        v = verb
        for _ in range(4):
            subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                return subj, v
            if any(c.dep_ == "expl" for c in v.children):
                return None, verb  # "there was a person in ..."
            participle = v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN")
            if (v.dep_ in ("conj", "xcomp", "relcl", "acl") or participle) and v.head != v:
                if v.dep_ == "relcl":
                    return v.head, v  # "Maya, who works at ..."
                v = v.head
            else:
                break
        return None, verb

    @staticmethod
    def governing_verb(token: Any) -> tuple[Any | None, list[Any]]:
        """Nearest verb above ``token`` and the tokens on the way."""
        path = [token]
        t = token
        for _ in range(8):
            if t.head == t:
                return (t if t.pos_ in ("VERB", "AUX") else None), path
            t = t.head
            path.append(t)
            if t.pos_ in ("VERB", "AUX"):
                if t.dep_ == "acl" and t.lemma_ in ("call", "name", "know"):
                    continue  # "a startup called blipIQ": the verb above it counts
                return t, path
        return None, path

    @staticmethod
    def is_past(verb: Any, sent: Any) -> bool:
        words = {t.lower_ for t in sent}
        if words & PRESENT_CUES and not words & {"before", "previously", "ago"}:
            return False
        if verb.dep_ == "xcomp" and verb.head.lemma_ in ("start", "begin", "join"):
            ongoing = re.search(r"\b(since|for the (last|past))\b", sent.text, re.I)
            if not ongoing and (  # "I started working at X": then, not now
                verb.head.tag_ == "VBD"
                or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.head.children)
            ):
                return True
            return bool(words & {"before", "previously", "ago", "formerly"})
        if verb.tag_ == "VBD":
            return True
        perfect = ("'s", "'ve", "\u2019s", "\u2019ve", "has", "have", "had")
        if verb.tag_ == "VBN" and any(
            c.dep_ == "aux" or (c.dep_ == "auxpass" and c.lower_ in perfect) for c in verb.children
        ):
            return True  # present perfect: "he's worked for Siemens" (parsed as a passive)
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" or a.lemma_ == "have" or a.lower_ == "used" for a in auxes):
            return True
        if verb.tag_ == "VBN" and verb.dep_ in ("conj",) and verb.head.tag_ in ("VBD", "VBN"):
            return True
        if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.tag_ == "VBD":
            return True  # "I worked in science, leading projects as a fellow"
        if verb.dep_ == "conj" and verb.head.tag_ == "VBD":
            return True
        return bool(words & PAST_CUES)

    @staticmethod
    def unreal(verb: Any) -> bool:
        """A role wished, needed, possible or supposed, not held: "I have to be a manager",
        "you could become a lead", "I want to be an architect", "let's say I'm a lead"."""
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WISH_VERBS:
            return True
        # a supposition: "Let's say I'm a manager", "Suppose I'm an analyst", "if I were a lead"
        node = verb
        for _ in range(3):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
                return True
            if node.head == node or node.dep_ not in ("ccomp", "conj", "advcl", "parataxis"):
                break
            node = node.head
            if (
                node.lemma_.lower() in SUPPOSE_VERBS
                and node.tag_ == "VB"  # "say I'm X", "let's suppose": not "saying I was X"
                and not any(  # "I said I was X" holds
                    c.dep_ in SUBJECT_DEPS and c.lower_ not in ("'s", "\u2019s", "us")  # let's
                    for c in node.children
                )
            ):
                return True
        return False

    @staticmethod
    def negated(verb: Any) -> bool:
        if verb is None:
            return False
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        return any(c.dep_ == "neg" for c in verb.head.children) if verb.dep_ == "xcomp" else False

    # ---------------------------------------------------------------- rules
    def run(self) -> list[RawClaim]:
        self.attributed()
        head: tuple[Any, str] | None = None  # a "Sourcing:" sentence and its thing
        for sent in self.doc.sents:
            self.sentence_claims(sent)
            head = self.list_parts(sent, head)
            persons = [e for e in sent.ents if e.label_ == "PERSON"]
            if persons:
                self.focus = ref_of(persons[-1])
        return self.claims

    def sentence_claims(self, sent: Any) -> None:
        text = sent.text.strip()
        ents = list(sent.ents)
        if self.speaker and self.turn_index <= 3 and INTRO.search(text):
            for ent in ents:
                if ent.label_ == "PERSON" and ent.text != self.speaker.text:
                    self.add(self.speaker, "interviews", ref_of(ent), text)
        if self.speaker:
            for ent in ents:
                if ent.label_ == "ORG":
                    before = self.doc[max(sent.start, ent.start - 4) : ent.start].text + " "
                    after = self.doc[ent.end : min(sent.end, ent.end + 2)].text.lower()
                    if after.startswith(PLATFORM_PARTS):
                        continue  # "our YouTube channel": a channel on YouTube, not YouTube
                    if (HOSTS.search(before) and self.turn_index <= 3) or after.startswith(
                        "podcast"
                    ):
                        self.add(self.speaker, "hosts", ref_of(ent), text)
        asks = text.endswith("?")  # "How do I prepare to be a data engineer?" asserts nothing
        for ent in ents:
            # a question quoted inside the sentence asks too: '..., "How do I become X?"'
            asked = any(t.text == "?" for t in self.doc[ent.end : sent.end])
            if ent.label_ in ("ORG", "ROLE", "BOOK", "PERSON") and not asks and not asked:
                self.structural(ent, sent, text)
        self.founder_phrases(ents, sent, text)
        self.book_authors(ents, sent, text)
        self.relations(ents, sent, text)
        self.advice(ents, sent, text)
        self.presented_books(ents, text)

    def structural(self, ent: Any, sent: Any, text: str) -> None:
        verb, path = self.governing_verb(ent.root)
        if verb is None:
            return
        subj_tok, subj_verb = self.subject_of(verb)
        if subj_tok is None or subj_tok.i in range(ent.start, ent.end):
            return
        subject = self.person_ref(subj_tok)
        if subject is None or subject.type != "person":
            return
        if subj_tok.lower_ in FIRST_PERSON and (
            self.in_reported_quote(subj_tok)
            or any(start <= subj_tok.idx < end for start, end in self.voiced_spans)
        ):
            return  # 'they say, "I'm not worthy of this staff position"': not the speaker
        lemma = verb.lemma_.lower()
        lemmas = {lemma, subj_verb.lemma_.lower()}
        preps = {t.lower_ for t in path[1:] if t.dep_ in ("prep", "agent") or t.pos_ == "ADP"}
        obj = ref_of(ent)
        neg = self.negated(verb)
        past = self.is_past(verb, sent)
        label = ent.label_
        # the sentence's words outside organizations' names ("Department of Italian
        # Studies") and outside a time phrase ("after the PhD, I started at SAP")
        aside = {i for e in sent.ents if e.label_ == "ORG" for i in range(e.start, e.end)}
        for t in sent:
            if t.dep_ == "prep" and t.lower_ in ("after", "before", "since"):
                aside.update(range(t.left_edge.i, t.right_edge.i + 1))
        sent_words = {t.lower_ for t in sent if t.i not in aside}
        if label == "ORG":
            if lemma in FOUND_VERBS and ent.root.dep_ == "dobj":
                self.add(subject, "founded", obj, text, neg)
                return
            studied_words = (  # "a Kaggle master who works at X" did not study there
                sent_words & STUDY_WORDS
                and preps & {"at", "from", "in"}
                and not lemmas & {"work", "intern", "serve", "lead", "manage"}
            )
            if lemmas & STUDY_VERBS or studied_words:
                self.add(subject, "studied_at", obj, text, neg)
                return
            if lemmas & MOVE_VERBS and (
                any(c.dep_ == "dobj" or c.lower_ == "again" for c in verb.children)
                or verb.tag_ != "VBD"  # the talk moves on: "we'll move on to Slido"
                and any(c.lower_ == "on" and c.dep_ in ("prt", "prep") for c in verb.children)
            ):
                return  # "move my notebooks to GitHub", "come to X again"
            joined = lemma == "join" and any(t.dep_ == "dobj" for t in path[:-1])
            got_job = lemma == "get" and any(t.lemma_.lower() in EMPLOY_NOUNS for t in path)
            if (
                (lemmas & WORK_VERBS or got_job)
                and (preps & {"at", "for", "in", "with", "to", "over"} or joined)
                and (joined or self.employment_path(ent, path))
                and (not lemmas <= MOVE_VERBS or ent.kb_id_)
            ):
                self.add(subject, "worked_at" if past else "works_at", obj, text, neg)
        elif label == "ROLE":
            if self.unreal(verb):
                return
            # "as" hangs off the verb, a job word or the speaker ("started working as X",
            # "my journey as X", "for me as X"), not off another thing ("tasks as X",
            # "specialists such as X")
            via_as = (
                any(
                    t.lower_ == "as"
                    and (
                        t.head.pos_ in ("VERB", "AUX")
                        or t.head.lemma_.lower() in EMPLOY_NOUNS | CAREER_NOUNS
                        or t.head.lower_ in FIRST_PERSON
                        or any(c.lower_ in FIRST_PERSON for c in t.head.children)  # "for me as X"
                    )
                    and not (t.i > 0 and t.doc[t.i - 1].lower_ == "such")
                    for t in path[1:]
                )
                and not any(  # "I know Mehdi as an engineer", "we hired her as a lead"
                    c.dep_ == "dobj"
                    and (c.ent_type_ == "PERSON" or c.lower_ in THIRD_PERSON | {"you"})
                    for c in verb.children
                )
            )
            attr = any(t.dep_ in ("attr", "acomp", "oprd") for t in path[:-1]) or ent.root.dep_ in (
                "attr",
                "oprd",
            )
            promoted = lemma in (
                "promote",
                "get",
                "move",
                "switch",
                "transition",
                "grow",
            ) and preps & {"to", "into"}
            if (
                (via_as and lemmas & ROLE_VERBS | WORK_VERBS)
                or (attr and lemma in ("be", "become"))
                or promoted
            ):
                self.add(subject, "worked_as" if past else "works_as", obj, text, neg)
                if ent.kb_id_ in ("founder", "co-founder"):
                    for child in ent.root.children:
                        if child.lower_ == "of":
                            for pobj in child.children:
                                org = self.ent_of.get(pobj.i)
                                if org is not None and org.label_ == "ORG":
                                    self.add(subject, "founded", ref_of(org), text, neg)
        elif label == "BOOK":
            if lemma in WRITE_VERBS and ent.root.dep_ in ("dobj", "pobj", "appos", "conj"):
                self.add(subject, "wrote", obj, text, neg)
        elif label == "PERSON" and lemma in ("interview", "host"):
            self.add(subject, "interviews" if lemma == "interview" else "hosts", obj, text, neg)

    def employment_path(self, ent: Any, path: list[Any]) -> bool:
        """The organization hangs off the work verb itself, through a preposition, a role
        ("a staff engineer at X") or an employment noun ("a team at X"), not off another
        thing ("300 problems in X", "X's site")."""
        if ent.root.dep_ in ("poss", "compound", "nmod", "amod"):
            return False
        for tok in path[1:-1]:
            if tok.pos_ not in ("NOUN", "PROPN") or ent.start <= tok.i < ent.end:
                continue
            other = self.ent_of.get(tok.i)
            if other is not None and other.label_ in ("ROLE", "ORG"):
                continue
            if tok.dep_ in ("attr", "appos", "oprd") or tok.lemma_.lower() in EMPLOY_NOUNS:
                continue
            return False
        return True

    def attributed(self) -> None:
        """ "As Paul Graham wrote: do things that don't scale" -> the person
        recommends what follows the attribution."""
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.start == 0 or doc[ent.start - 1].lower_ != "as":
                continue
            verb = next(
                (
                    t
                    for t in doc[ent.end : ent.end + 12]
                    if t.lemma_ in ("write", "say", "put", "recommend", "suggest", "argue")
                ),
                None,
            )
            if verb is None:
                continue
            # what the attribution introduces: its sentence, and what follows when that
            # ends in a colon ("As Joel Spolsky wrote: ...:" and a list), not the rest of
            # a turn ("As Alexey said, my name is Luke. I've been recruiting ...")
            sent = verb.sent
            end = len(doc) if sent.text.rstrip().endswith(":") else sent.end
            after = [
                e
                for e in doc.ents
                if verb.i < e.start and e.end <= end and e.label_ in ("CONCEPT", "BOOK")
            ]
            quote = doc[ent.start - 1 : min(len(doc), verb.i + 40)].text.strip()
            for target in after[:8]:
                self.add(ref_of(ent), "recommends", ref_of(target), quote)

    def founder_phrases(self, ents: list[Any], sent: Any, text: str) -> None:
        """ "X (the person behind Y)", "X, founder of Y", "founder of Y" said of X."""
        for i, person in enumerate(ents):
            if person.label_ != "PERSON":
                continue
            for org in ents[i + 1 :]:
                if org.label_ != "ORG" or org.start - person.end > 10:
                    continue
                between = self.doc[person.end : org.start].text
                if FOUNDER_CUE.search(between) and not re.search(r"\b(work|join)", between):
                    self.add(ref_of(person), "founded", ref_of(org), text)

    def book_authors(self, ents: list[Any], sent: Any, text: str) -> None:
        """ "<book>, by <person>"."""
        for i, book in enumerate(ents):
            if book.label_ != "BOOK":
                continue
            for person in ents[i + 1 : i + 2]:
                between = self.doc[book.end : person.start]
                if (
                    person.label_ == "PERSON"
                    and len(between) <= 4
                    and any(t.lower_ == "by" for t in between)
                ):
                    self.add(ref_of(person), "wrote", ref_of(book), text)

    def relations(self, ents: list[Any], sent: Any, text: str) -> None:
        """Relations between two concepts or roles: compares_to, leads_to, requires, part_of."""
        things = [e for e in ents if e.label_ in ("CONCEPT", "ROLE")]
        if len(things) < 2:
            return
        for i, head in enumerate(things):  # "Sourcing: referrals, portfolios" -> part_of
            if head.end < len(self.doc) and self.doc[head.end].text == ":":
                for part in things[i + 1 :]:
                    self.add(ref_of(part), "part_of", ref_of(head), text)
        for a, b in zip(things, things[1:], strict=False):
            between = self.doc[a.end : b.start]
            words = " " + between.text.lower() + " "
            if len(between) > 8:
                continue
            if re.search(
                r" (vs\.?|versus|compared (to|with)|rather than|instead of|than|similar to|"
                r"different (from|than)|the same as|as opposed to|equivalent to) ",
                words,
            ) or self.between(a, sent, words):
                if {a.root.dep_, b.root.dep_} & {"compound", "nmod"}:
                    continue  # "rather than a Kafka system kind of engineer": Kafka is no term
                first = self.compared_subject(a, things)
                if first is not None and first != b:
                    self.add(ref_of(first), "compares_to", ref_of(b), text)
            elif re.search(r" (is|are) (a |an )?(part|component|kind|type|form) of ", words):
                self.add(ref_of(a), "part_of", ref_of(b), text)
            else:
                predicate = self.verb_relation(a, b)
                if predicate:
                    self.add(ref_of(a), predicate, ref_of(b), text)

    @staticmethod
    def compared_subject(a: Any, things: list[Any]) -> Any | None:
        """What is compared when ``a`` precedes "than": ``a`` itself, or, when ``a`` is
        what a comparative is about ("analysts are better at communication than
        engineers"), the comparative's subject (None when that is no thing)."""
        prep = a.root.head
        if a.root.dep_ != "pobj" or prep.head.tag_ not in ("JJR", "RBR"):
            return a
        node = prep.head
        while node.dep_ in ("acomp", "advmod", "amod", "attr") and node.head != node:
            node = node.head
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        for thing in things:
            if any(thing.start <= s.i < thing.end for s in subjects):
                return thing
        return None

    def list_parts(self, sent: Any, head: tuple[Any, str] | None) -> tuple[Any, str] | None:
        """A sentence that ends in "<thing>:" (an article's list header, or a label the
        line goes on after) makes the things of the sentences after it part_of the thing,
        up to the next header or a blank line. Returns the header in force."""
        toks = [t for t in sent if not t.is_space]
        if len(toks) >= 2 and toks[-1].text == ":":
            ent = self.ent_of.get(toks[-2].i)
            if ent is not None and ent.label_ in ("CONCEPT", "ROLE"):
                return ent, sent.text.strip()
            return None
        if head is None or "\n\n" in self.doc[head[0].end : sent.start].text:
            return None
        ent, header = head
        text = sent.text.strip()
        for part in sent.ents:
            if part.label_ in ("CONCEPT", "ROLE"):
                self.add(ref_of(part), "part_of", ref_of(ent), f"{header} {text}")
        return head

    def between(self, a: Any, sent: Any, words: str) -> bool:
        """ "the difference between (a) A and (a) B", not "talks between A and B"."""
        if not re.fullmatch(r" and (?:an? |the )?", words):
            return False
        start = a.start - 1
        if start > sent.start and self.doc[start].dep_ == "det":
            start -= 1
        if start < sent.start or self.doc[start].lower_ != "between":
            return False
        return (
            start == sent.start
            or any(  # "Between A and B?" opens a comparison
                t.lemma_.lower() in CONTRAST_NOUNS
                for t in self.doc[max(sent.start, start - 6) : start]
            )
        )

    @staticmethod
    def verb_relation(a: Any, b: Any) -> str | None:
        """ "A leads to B", "A requires B": A the subject of the verb, B in its object."""
        if a.root.dep_ != "nsubj":  # not passive: "roadmaps are led by product managers"
            return None
        verb = a.root.head
        if verb.pos_ not in ("VERB", "AUX") or b.root.i < verb.i:
            return None
        if verb not in list(b.root.ancestors):
            return None
        lemma = verb.lemma_.lower()
        if lemma in ("result", "cause", "drive", "bring", "improve", "increase") or (
            lemma == "lead"  # "leads to B"; "should lead the product manager" manages them
            and any(t.lower_ == "to" and t.head == verb for t in b.root.ancestors)
        ):
            return "leads_to"
        if lemma in ("require", "need", "demand", "depend", "rely", "involve"):
            return "requires"
        return None

    def advice(self, ents: list[Any], sent: Any, text: str) -> None:
        """Speaker -recommends/advises-> entity for sentences that advise or judge."""
        if self.speaker is None or asks(text):
            return  # questions ask, they do not advise
        rec = self.recommend_cue(sent, text)
        adv = self.advice_cue(sent, text) if not rec else None
        against = DISCOURAGE.search(text) if not (rec or adv) else None
        cue = rec or adv or against
        if cue is None:
            imperative = self.imperative(sent)
            if imperative is None:
                return
            cue = re.search(re.escape(imperative.text), text)
            if cue is None:
                return
        if self.reported(sent, cue.start()):
            return
        cue_token = token_at(sent, cue.start())
        if cue_token is not None and self.in_reported_quote(cue_token):
            return  # 'they said, "You need to create a merge request."'
        if cue_token is not None and self.conditional(cue_token):
            return  # "even if you create a great strategy, ..." supposes, it does not judge
        before = text[: cue.start()]
        if HOW_TO.search(before) or (
            re.search(r"\bhow\s*$", before) and cue.group(0).lower().startswith(("you", "we"))
        ):
            return  # "how to make sure communication works" names a topic, advises nothing
        predicate = "recommends" if rec or against else "advises"
        kinds = ("BOOK", "CONCEPT", "ORG") if rec or against else ("BOOK", "CONCEPT")
        if rec and not VERBAL_RECOMMEND.search(text):
            kinds = ("BOOK", "CONCEPT")  # "the best people in the world" praises no company
        targets = [e for e in ents if e.label_ in kinds]
        if targets:
            # only what the cue's clause says something about: "the rise of devops, teams
            # that [...] make sure it runs" advises nothing about devops
            lo, hi = self.cue_scope(sent, cue.start())
            targets = [
                e
                for e in targets
                if lo <= e.root.i <= hi
                and not compared_away(e.root)
                and not self.in_setting(e.root)
                and not self.modifier_only(e)
            ]
            if not targets:
                return
        else:
            # "Those are the best two.": the things named in the sentence before, which
            # then belongs to the evidence (the object must be in the quote)
            # a demonstrative of the cue's clause ("That was great", "check it out"), not a
            # relative "that" ("the tasks that I enjoy") nor a pronoun deeper down ("you have
            # to understand how they are used")
            verbs = {sent.root} if cue_token is None else {sent.root, cue_token, cue_token.head}
            pointer = any(
                t.lower_ in POINTERS
                and t.dep_ in SUBJECT_DEPS + ("dobj",)
                and t.tag_ != "WDT"
                and t.head in verbs
                for t in sent
            )
            prev = self.previous_sentence(sent) if pointer else None
            if prev is None:
                return
            targets = [e for e in prev.ents if e.label_ in ("BOOK", "CONCEPT", "ORG")]
            text = self.doc[prev.start : sent.end].text.strip()
            if not targets:
                return
        negated = self.cue_negated(sent, cue.start())
        if against:  # "X is overrated" recommends against X; "X is not useless" for it
            negated = cue.group(0).lower().startswith("don") or not negated
        adviser = self.speaker
        if YOU_SAID.search(text):  # "You said that explainability is important": the guest's
            if self.guest is None:
                return
            adviser = self.guest
        for ent in targets:  # "avoid X", "stop using X": advice against X
            self.add(adviser, predicate, ref_of(ent), text, negated != avoided(ent.root))

    @staticmethod
    def conditional(token: Any) -> bool:
        """``token`` is in an if/unless/whether clause."""
        node = token
        for _ in range(12):
            if any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children
            ):
                return True
            if node.dep_ in CLAUSE_DEPS or node.head == node:
                return False
            node = node.head
        return False

    @staticmethod
    def recommend_cue(sent: Any, text: str) -> Any | None:
        """The first recommending cue of ``text``; praise of what someone got or gave
        ("I got great feedback on system design", "she gave me useful advice") reports
        an event, and praise of a person ("she is great at system design") judges the
        person: neither recommends anything."""
        for cue in RECOMMEND.finditer(text):
            token = token_at(sent, cue.start())
            if (
                token is not None
                and token.dep_ == "amod"
                and token.head.dep_ == "dobj"
                and token.head.head.lemma_.lower() in ("get", "receive", "give")
                and any(  # a person got or gave it ("mock interviews give you great
                    c.dep_ in SUBJECT_DEPS  # feedback" praises the interviews)
                    and (c.lower_ in PEOPLE_PRONOUNS or c.ent_type_ == "PERSON")
                    for c in token.head.head.children
                )
            ):
                continue
            if (  # "a great system designer", "amazing data scientists": praise of people
                token is not None
                and token.dep_ == "amod"
                and token.head.ent_type_ in ("ROLE", "PERSON")
            ):
                continue
            if (  # "he is great in AI", "I'm great at SQL": praise of a person's skill
                token is not None
                and token.dep_ == "acomp"
                and token.head.lemma_ == "be"
                and any(
                    c.dep_ in SUBJECT_DEPS
                    and (c.lower_ in FIRST_PERSON | THIRD_PERSON or c.ent_type_ == "PERSON")
                    for c in token.head.children
                )
            ):
                continue
            return cue
        return None

    @staticmethod
    def advice_cue(sent: Any, text: str) -> Any | None:
        """The first advice cue of ``text``. "important" describing a noun ("something
        important", "metrics that are important") advises nothing, unless that noun is what
        the sentence says its subject is ("communication is an important skill")."""
        for cue in ADVISE.finditer(text):
            if re.match(r"i\b", cue.group(0), re.I) and HEDGE.fullmatch(text[cue.end() :]):
                continue  # "..., I would say." hedges what was said before it
            if cue.group(0).lower().endswith("say"):  # "I'd say X is Y" is an opinion;
                after = token_at(sent, cue.end())  # "I'd say learn SQL", "I'd say to /
                if after is None or not (  # you should ..." advise
                    after.lower_ in ("to", "you", "that") or after.tag_ == "VB"
                ):
                    continue
            if cue.group(0).lower() in ("try to", "make sure"):
                verb = token_at(sent, cue.start())
                if (
                    verb is not None
                    and any(c.dep_ in SUBJECT_DEPS and c.lower_ != "you" for c in verb.children)
                    and not any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)
                ):
                    continue  # "we try to find price points", "people that make sure ..."
            if cue.group(0).lower() == "important":
                token = token_at(sent, cue.start())
                if token is not None and (
                    token.dep_ == "amod"
                    and token.head.dep_ != "attr"
                    or token.dep_ == "acomp"
                    and token.head.dep_ == "relcl"
                ):
                    continue
            return cue
        return None

    @staticmethod
    def reported(sent: Any, cue_char: int) -> bool:
        """A recommending verb whose subject is someone or something else ("then Twitter
        suggests others", "my manager advised it"), or a cue in what someone else says
        ("they will tell you that you should keep your CV short"): not the speaker's."""
        cue = token_at(sent, cue_char)
        if cue is None:
            return False
        if cue.lemma_.lower() in ("recommend", "suggest", "advise"):
            subjects = [c for c in cue.children if c.dep_ == "nsubj"]
            return any(s.lower_ not in FIRST_PERSON | {"you"} for s in subjects)
        node = cue
        for _ in range(6):  # up to the clause the cue is in, then the verb that says it
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in ("say", "tell"):
                subjects = [c for c in node.head.children if c.dep_ in SUBJECT_DEPS]
                return bool(subjects) and all(
                    s.lower_ not in FIRST_PERSON | {"you"} for s in subjects
                )
            if node.head == node:
                return False
            node = node.head
        return False

    def presented_books(self, ents: list[Any], text: str) -> None:
        """Speaker -recommends-> a book they present: "There is the book X", "There's X"."""
        if self.speaker is None or asks(text):
            return
        for ent in ents:
            if ent.label_ != "BOOK":
                continue
            node = ent.root
            for _ in range(4):  # "the book X": X's head is "book", the attribute of "is"
                if node.dep_ not in ("appos", "attr", "nsubj", "conj", "compound", "npadvmod"):
                    break
                node = node.head
                if node.lemma_ == "be" and any(c.dep_ == "expl" for c in node.children):
                    self.add(self.speaker, "recommends", ref_of(ent), text)
                    break

    @staticmethod
    def cue_scope(sent: Any, cue_char: int) -> tuple[int, int]:
        """First and last token of what a cue (at ``cue_char`` in ``sent``'s text) speaks
        about: the clause it belongs to. A relative clause speaks about the noun it
        describes ("I do the tasks that I enjoy", "there is research that I like"), or, when
        that noun is a placeholder or what a copula equates, about that noun's clause ("the
        thing I found useful: get someone to do code reviews", "the tool that helped me most
        was Docker", "Kaggle is a platform I like")."""

        def clause(token: Any) -> Any:
            for _ in range(len(sent)):
                if (
                    token.dep_ in CLAUSE_DEPS
                    or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))
                    or token.head == token
                ):
                    break
                token = token.head
            return token

        node = clause(token_at(sent, cue_char) or sent.root)
        if node.dep_ in ("relcl", "acl") and node.head != node:
            noun = node.head
            verb = noun.head
            if noun.lemma_.lower() not in GENERIC_NOUNS and not (
                noun.dep_ in ("nsubj", "attr")
                and verb.lemma_ == "be"
                and not any(c.dep_ == "expl" for c in verb.children)
            ):
                return noun.left_edge.i, noun.right_edge.i  # "the tasks that I enjoy"
            node = clause(noun)
        # a clause joined with its own subject says something else: "I like PoCs, but I
        # don't want to feel a lack of impact"
        joined = [
            c.left_edge.i
            for c in node.children
            if c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in SUBJECT_DEPS for g in c.children)
        ]
        return node.left_edge.i, min([node.right_edge.i + 1, *joined]) - 1

    def modifier_only(self, ent: Any) -> bool:
        """``ent`` only says what kind of other thing is meant: "the conference
        organizers", "the BI channels" (unless that thing is an entity of its own, or a
        kind of thing ``ent`` names: "the Grokking course", "machine learning projects")."""
        root = ent.root
        if root.dep_ not in ("compound", "nmod") or root.head.i < ent.end:
            return False
        head = root.head
        return head.i not in self.ent_of and head.lemma_.lower() not in CATEGORY_NOUNS

    @staticmethod
    def in_setting(token: Any) -> bool:
        """``token`` is in a clause that sets the scene for the advice rather than being
        advised: "before going to Kaggle, ...", "if you use Docker, ...", "when you ..."."""
        node = token
        for _ in range(12):
            if node.head == node:
                return False
            if node.dep_ == "prep" and node.lower_ in ("before", "after"):
                return True
            if node.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in SETTING_MARKS for c in node.children
            ):
                return True
            node = node.head
        return False

    @staticmethod
    def imperative(sent: Any) -> Any | None:
        """The verb of an imperative sentence ("Start by hiring...", "Don't hire ...")."""
        root = sent.root
        if root.pos_ != "VERB" or root.lemma_.lower() in DISCOURSE_VERBS:
            return None
        if any(
            c.dep_ in SUBJECT_DEPS or c.dep_ == "aux" and c.lower_ not in ("do", "don't")
            for c in root.children
        ):
            return None
        leading = {  # "When you prepare, do mock interviews", "Before that, read it"
            i
            for c in root.children
            if c.i < root.i and c.dep_ in ("advcl", "prep", "npadvmod")
            for i in range(c.left_edge.i, c.right_edge.i + 1)
        }
        # after such a phrase the tagger often reads the verb as present tense (VBP)
        if root.tag_ != "VB" and not (leading and root.tag_ == "VBP"):
            return None
        first = next(
            (
                t
                for t in sent
                if not t.is_punct
                and t.dep_ not in ("neg", "aux", "advmod", "intj")
                and t.i not in leading
            ),
            None,
        )
        return root if first == root else None

    def previous_sentence(self, sent: Any) -> Any | None:
        prev = None
        for s in self.doc.sents:
            if s.start == sent.start:
                return prev
            prev = s
        return None

    def cue_negated(self, sent: Any, cue_char: int) -> bool:
        """A negation shortly before the cue, or attached to the verb it belongs to."""
        cue_tok = token_at(sent, cue_char)
        if cue_tok is None:
            return False
        window = list(sent.doc[max(sent.start, cue_tok.i - 3) : cue_tok.i])
        while any(t.is_punct for t in window):  # not across a comma: "if you're not
            window = window[1:]  # ready, you should send your CV" is no negation
        if any(
            (t.lower_ in NEGATION or t.dep_ == "neg")
            and t.head.lemma_.lower() not in DOUBLE_NEGATIVE_VERBS
            for t in window
        ):
            return True
        node = cue_tok
        for _ in range(4):  # the cue's clause and the clauses it is embedded in
            if node.lemma_.lower() in DOUBLE_NEGATIVE_VERBS:
                return False  # "don't forget to check it out" advises to
            if any(c.dep_ == "neg" for c in node.children):
                return True
            if node.head == node or node.dep_ in ("advcl", "conj", "relcl"):
                break
            node = node.head
        return False


def reported_quotes(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``doc`` that report someone else's words: the
    quote follows a speech verb ("said", "told me", "was like") whose subject is not the
    speaker ("they said, “Okay, just do it yourself.”"). Scare quotes, titles and the
    speaker's own quoted words ("I always say, “...”") are not among them."""
    return [(start, end) for start, end in quotations(doc) if introduced_by(doc, start) == "other"]


def quotations(doc: Any) -> list[tuple[int, int]]:
    """Character spans of all the quotations in ``doc`` (an unclosed one runs to its end)."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    at = 0
    while True:
        opening = min((i for i in (text.find(q, at) for q in OPENING_QUOTES) if i >= 0), default=-1)
        if opening < 0:
            return spans
        closing = text.find(OPENING_QUOTES[text[opening]], opening + 1)
        end = len(text) if closing < 0 else closing + 1
        spans.append((opening, end))
        at = end


def introduced_by(doc: Any, char: int) -> str | None:
    """Who says the quote opening at ``char``: "speaker" after a speech verb whose subject
    is I or we ("I told him, “...”"), "other" after one with another subject ("they said,
    “...”", "he was like, “...”"), None when no speech verb comes before it."""
    at = doc.char_span(char, char + 1, alignment_mode="expand")
    before = list(doc[max(0, at.start - 5) : at.start]) if at is not None else []
    for token in reversed(before):
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"):
            if token.lemma_.lower() == "be" and not any(
                t.lower_ == "like" and t.i > token.i for t in before
            ):
                continue  # "was like, “...”" reports; "is" alone does not
            verb = token
            for _ in range(4):  # "people were reaching out, saying, “...”": their subject
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
                if subjects or verb.head == verb:
                    break
                verb = verb.head
            if not subjects:
                return None
            return "other" if all(c.lower_ not in FIRST_PERSON for c in subjects) else "speaker"
    return None


def avoided(token: Any) -> bool:
    """``token`` is (in) the object of a verb that advises against it: "avoid technical
    debt", "stop using Excel", "get rid of silos", "break down the silos"."""
    node = token
    for _ in range(6):
        if node.head == node or node.dep_ not in AVOIDED_PATH:
            return False
        if node.dep_ == "prep" and node.lower_ not in ("of", "from"):
            return False
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in AVOID_VERBS or (
            lemma == "break" and any(c.dep_ == "prt" and c.lower_ == "down" for c in node.children)
        ):
            return True
    return False


def compared_away(token: Any) -> bool:
    """``token`` is what something is preferred to: "better than traditional statistics"."""
    node = token
    for _ in range(3):
        if node.head == node:
            return False
        node = node.head
        if node.lower_ == "than":
            return True
    return False


def token_at(sent: Any, char: int) -> Any | None:
    """The token of ``sent`` at (or first after) ``char``, an offset in its stripped text."""
    offset = sent.start_char + char
    return next((t for t in sent if t.idx >= offset), None)


def asks(text: str) -> bool:
    """A question, also when it ends inside quotes or brackets ('... useful?”')."""
    return text.rstrip(QUOTE_CLOSERS).endswith("?")


def find_claims(
    doc: Any, speaker: str | None, guest: str | None, turn_index: int
) -> list[RawClaim]:
    """All claims of one processed turn."""
    return ClaimFinder(doc, speaker, guest, turn_index).run()
