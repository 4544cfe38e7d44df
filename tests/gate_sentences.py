"""Sentences written for the word-gate tests of several readers (stances, attribution, the stance model,
votes): cues, reports, threats, vows, consequences, tallies, and none."""

GATE_SENTENCES = [
    "Lisbon rejected the proposal to send warships, the minister said on Monday.",
    "Oslo would not rule out joining the mission if the talks fail.",
    "Vienna's refusal to sign the pact angered its neighbours.",
    "Prague backed the plan, while Warsaw voiced its opposition to it.",
    "According to the spokesman, Rome will send two frigates next month.",
    "Despite Hanoi's threats to close the port, the convoy sailed on.",
    "Quito vowed to respond with force to any new incursion.",
    "Sending the tanks would mean war, the envoy warned.",
    "It would lead to a confrontation nobody wants.",
    "The text passed by 120 in favour to 9 against (Austria, Chile), with 30 abstentions (Peru).",
    "The harvest festival drew large crowds to the old town square.",
    "Fishing boats returned to the harbour after the storm.",
]
