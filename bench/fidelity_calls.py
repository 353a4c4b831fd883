"""Labelled calls for `python -m bench fidelity`: each states its facts early and then goes
on for several turns (as real calls do), so a briefing that only quotes the last turns
keeps none of them. Kinds: name, reference, phone, email, amount, date; five languages.

Written apart from the unit tests' calls (tests/unit/test_facts.py), so neither set is
tuned to the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledCall:
    call_id: str
    language: str
    turns: tuple[tuple[str, str], ...]
    facts: tuple[tuple[str, str], ...]  # (kind, value as said)


def _call(
    call_id: str, language: str, turns: list[tuple[str, str]], facts: list[tuple[str, str]]
) -> LabelledCall:
    return LabelledCall(call_id, language, tuple(turns), tuple(facts))


CALLS: tuple[LabelledCall, ...] = (
    _call(
        "en-answers",
        "en",
        [
            ("ai", "Thanks for calling Northwind. How can I help today?"),
            ("caller", "My internet has been dropping every evening for a week."),
            ("ai", "Sorry about that. What's the account number?"),
            ("caller", "It's QX-2207."),
            ("ai", "And may I have your name?"),
            ("caller", "Irene Walsh."),
            ("ai", "Thanks, Irene. Have you restarted the router?"),
            ("caller", "Yes, twice. It didn't help."),
            ("ai", "Okay. I'll get a technician on the line."),
            ("caller", "Okay."),
            ("ai", "One moment please."),
            ("caller", "No problem."),
        ],
        [("reference", "QX-2207"), ("name", "Irene Walsh")],
    ),
    _call(
        "en-bare-numbers",
        "en",
        [
            ("ai", "Hello, you're through to Fabrikam billing."),
            ("caller", "Hi, I was charged $84.50 twice on my last bill."),
            ("ai", "I can look into that. Can I have your customer number please?"),
            ("caller", "40917733"),
            ("ai", "Thank you. Is the invoice number on the bill too?"),
            ("caller", "Sure, 55012."),
            ("ai", "Got it. And the best number to call you back on?"),
            ("caller", "07700 900461"),
            ("ai", "Thanks. I'm passing you to billing now."),
            ("caller", "Sure."),
            ("ai", "They'll be with you shortly."),
            ("caller", "Thanks, bye for now then."),
        ],
        [
            ("amount", "$84.50"),
            ("reference", "40917733"),
            ("reference", "55012"),
            ("phone", "07700 900461"),
        ],
    ),
    _call(
        "en-two-references",
        "en",
        [
            ("caller", "Hello, this is Marcus O'Neill. I have two problems."),
            ("ai", "I'm here to help. What's the first?"),
            (
                "caller",
                "Order #A7731-K never arrived, and ticket TK-50921 was closed without a reply.",
            ),
            ("ai", "I'm sorry. When was the order placed?"),
            ("caller", "On 14 March, and I paid £129.99 for it."),
            ("ai", "Can I send updates to your email?"),
            ("caller", "Yes, marcus.oneill@example.co.uk"),
            ("ai", "Thanks. Let me get a colleague."),
            ("caller", "Fine, thanks."),
            ("ai", "Please hold."),
            ("caller", "Okay."),
        ],
        [
            ("name", "Marcus O'Neill"),
            ("reference", "A7731-K"),
            ("reference", "TK-50921"),
            ("date", "14 March"),
            ("amount", "£129.99"),
            ("email", "marcus.oneill@example.co.uk"),
        ],
    ),
    _call(
        "en-late-name-particles",
        "en",
        [
            ("ai", "Good afternoon, Contoso travel. How can I help?"),
            ("caller", "I need to change the dates on a booking, reference BK-88412."),
            ("ai", "Sure. What dates would you like?"),
            (
                "caller",
                "Moving it to 2026-06-03 if possible. The fare difference was quoted at 120 USD.",
            ),
            ("ai", "I see. Who am I speaking with?"),
            ("caller", "Anna van Dijk."),
            ("ai", "Thanks. What email should the new ticket go to?"),
            ("caller", "anna dot vandijk at example dot nl"),
            ("ai", "Okay, I'll transfer you to a travel agent."),
            ("caller", "Great, thank you."),
            ("ai", "You're welcome."),
            ("caller", "Bye."),
        ],
        [
            ("reference", "BK-88412"),
            ("date", "2026-06-03"),
            ("amount", "120 USD"),
            ("name", "Anna van Dijk"),
            ("email", "anna.vandijk@example.nl"),
        ],
    ),
    _call(
        "es-order",
        "es",
        [
            ("ai", "Hola, soy el asistente de Tailspin. ¿En qué puedo ayudarle?"),
            ("caller", "Hola, me llamo Lucía Fernández. Mi pedido no ha llegado todavía."),
            ("ai", "Lo siento. ¿Cuál es el número de pedido?"),
            ("caller", "Es el 88-12345."),
            ("ai", "Gracias. ¿Y un teléfono de contacto?"),
            ("caller", "Claro, el +34 612 345 678."),
            ("caller", "Pagué 59,90 € el 2 de marzo."),
            ("ai", "Entendido. Le paso con un agente."),
            ("caller", "Vale, gracias."),
            ("ai", "Un momento, por favor."),
            ("caller", "De acuerdo."),
        ],
        [
            ("name", "Lucía Fernández"),
            ("reference", "88-12345"),
            ("phone", "+34 612 345 678"),
            ("amount", "59,90 €"),
            ("date", "2 de marzo"),
        ],
    ),
    _call(
        "es-account",
        "es",
        [
            ("caller", "Buenas tardes, mi nombre es José Luis de la Torre."),
            ("ai", "Buenas tardes. ¿En qué le ayudo?"),
            ("caller", "Quiero cancelar mi suscripción, me cobraron 30 euros de más."),
            ("ai", "¿Me puede dar su número de cuenta?"),
            ("caller", "Sí, 7734-2210."),
            ("ai", "¿Y su correo electrónico?"),
            ("caller", "jl.delatorre@example.es"),
            ("ai", "Perfecto, le transfiero."),
            ("caller", "Muy bien."),
            ("ai", "Gracias por su paciencia."),
            ("caller", "Gracias a usted."),
        ],
        [
            ("name", "José Luis de la Torre"),
            ("amount", "30 euros"),
            ("reference", "7734-2210"),
            ("email", "jl.delatorre@example.es"),
        ],
    ),
    _call(
        "de-customer",
        "de",
        [
            (
                "ai",
                "Guten Tag, hier ist der digitale Assistent von Woodgrove. Wie kann ich helfen?",
            ),
            (
                "caller",
                "Hallo, mein Name ist Jürgen Müller-Schmidt. "
                "Meine Bestellung 4471-B ist beschädigt angekommen.",
            ),
            ("ai", "Das tut mir leid. Wie lautet Ihre Kundennummer?"),
            ("caller", "Die Kundennummer ist 300918."),
            ("ai", "Danke. Unter welcher Telefonnummer erreichen wir Sie?"),
            ("caller", "0171 2345678"),
            ("caller", "Ich habe 249,00 EUR bezahlt."),
            ("ai", "Ich verbinde Sie mit einem Kollegen."),
            ("caller", "Okay, danke."),
            ("ai", "Einen Moment bitte."),
            ("caller", "Gut."),
        ],
        [
            ("name", "Jürgen Müller-Schmidt"),
            ("reference", "4471-B"),
            ("reference", "300918"),
            ("phone", "0171 2345678"),
            ("amount", "249,00 EUR"),
        ],
    ),
    _call(
        "de-membership",
        "de",
        [
            ("caller", "Guten Morgen, ich heiße Katrin von Allmen."),
            ("ai", "Guten Morgen. Worum geht es?"),
            (
                "caller",
                "Ich möchte meine Mitgliedschaft kündigen, die Mitgliedsnummer ist M-55810.",
            ),
            ("ai", "Verstanden. Seit wann sind Sie Mitglied?"),
            ("caller", "Seit dem 15. Januar, und der Beitrag von 19,99 € wurde doppelt abgebucht."),
            ("ai", "Ihre E-Mail-Adresse bitte?"),
            ("caller", "katrin.vonallmen@example.de"),
            ("ai", "Danke, ich leite Sie weiter."),
            ("caller", "Alles klar."),
            ("ai", "Bitte bleiben Sie dran."),
            ("caller", "Ja."),
        ],
        [
            ("name", "Katrin von Allmen"),
            ("reference", "M-55810"),
            ("date", "15. Januar"),
            ("amount", "19,99 €"),
            ("email", "katrin.vonallmen@example.de"),
        ],
    ),
    _call(
        "fr-commande",
        "fr",
        [
            ("ai", "Bonjour, assistant de Litware. Comment puis-je vous aider ?"),
            (
                "caller",
                "Bonjour, je m'appelle Hélène Dubois. "
                "Ma commande numéro 55-0192 n'est jamais arrivée.",
            ),
            ("ai", "Je suis désolé. Quel est votre numéro de téléphone ?"),
            ("caller", "C'est le 06 12 34 56 78."),
            ("caller", "J'ai payé 75 € le 3 avril."),
            ("ai", "Merci. Je vous passe un conseiller."),
            ("caller", "D'accord, merci."),
            ("ai", "Un instant."),
            ("caller", "Oui."),
        ],
        [
            ("name", "Hélène Dubois"),
            ("reference", "55-0192"),
            ("phone", "06 12 34 56 78"),
            ("amount", "75 €"),
            ("date", "3 avril"),
        ],
    ),
    _call(
        "fr-dossier",
        "fr",
        [
            ("ai", "Bonjour, quel est votre nom ?"),
            ("caller", "Pierre-Antoine Lefèvre."),
            ("ai", "Merci. Quel est le motif de votre appel ?"),
            ("caller", "Je voudrais un remboursement, mon dossier est le RF-20931."),
            ("ai", "Votre adresse e-mail, s'il vous plaît ?"),
            ("caller", "pa.lefevre@example.fr"),
            ("ai", "Très bien, je vous transfère."),
            ("caller", "Parfait."),
            ("ai", "Merci de patienter."),
            ("caller", "Merci."),
        ],
        [
            ("name", "Pierre-Antoine Lefèvre"),
            ("reference", "RF-20931"),
            ("email", "pa.lefevre@example.fr"),
        ],
    ),
    _call(
        "pt-encomenda",
        "pt",
        [
            ("ai", "Olá, assistente da Adatum. Em que posso ajudar?"),
            ("caller", "Olá, meu nome é João da Silva. A minha encomenda não chegou."),
            ("ai", "Lamento. Qual é o número da encomenda?"),
            ("caller", "É 7781-22."),
            ("ai", "Obrigado. Qual o seu e-mail?"),
            ("caller", "joao.silva@example.com.br"),
            ("caller", "Paguei R$ 349,90 no dia 10 de maio."),
            ("ai", "Vou transferir para um atendente."),
            ("caller", "Tá bom, obrigado."),
            ("ai", "Um momento."),
            ("caller", "Certo."),
        ],
        [
            ("name", "João da Silva"),
            ("reference", "7781-22"),
            ("email", "joao.silva@example.com.br"),
            ("amount", "R$ 349,90"),
            ("date", "10 de maio"),
        ],
    ),
    _call(
        "pt-conta",
        "pt",
        [
            ("caller", "Bom dia, aqui é a Mariana Costa."),
            ("ai", "Bom dia, Mariana. Como posso ajudar?"),
            ("caller", "Fui cobrada duas vezes, quero o reembolso. O protocolo é PR-66120."),
            ("ai", "Qual é o número da sua conta?"),
            ("caller", "Sim, 99012345."),
            ("ai", "E um telefone para contato?"),
            ("caller", "+55 11 91234 5678"),
            ("ai", "Obrigado, vou transferir."),
            ("caller", "Obrigada."),
            ("ai", "Aguarde, por favor."),
            ("caller", "Tá."),
        ],
        [
            ("name", "Mariana Costa"),
            ("reference", "PR-66120"),
            ("reference", "99012345"),
            ("phone", "+55 11 91234 5678"),
        ],
    ),
)
