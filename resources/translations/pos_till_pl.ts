<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../pos_client/ui/approval_dialog.py" line="+53"/>
        <source>Approval</source>
        <translation>Zatwierdzenie</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A manager approves this with their login and PIN.</source>
        <translation>Kierownik zatwierdza to swoim loginem i PIN-em.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You may do this yourself: give the reason.</source>
        <translation>Możesz to zrobić samodzielnie: podaj powód.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why (required)</source>
        <translation>Powód (wymagany)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approve</source>
        <translation>Zatwierdź</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../pos_client/ui/audit_view.py" line="+179"/>
        <source>Audit log</source>
        <translation>Dziennik zdarzeń</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Action</source>
        <translation>Czynność</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User</source>
        <translation>Użytkownik</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>login or name</source>
        <translation>login lub nazwisko</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sale</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sale id</source>
        <translation>nr sprzedaży</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>All actions</source>
        <translation>Wszystkie czynności</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The first day is after the last day.</source>
        <translation>Pierwszy dzień jest późniejszy niż ostatni.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The newest %1 entries; narrow the filters to see older ones.</source>
        <translation>Najnowsze wpisy (%1); zawęź filtry, aby zobaczyć starsze.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n wpis</numerusform>
            <numerusform>%n wpisy</numerusform>
            <numerusform>%n wpisów</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location line="-247"/>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Czynność</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Użytkownik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by</source>
        <translation>Zatwierdził</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Login</source>
        <translation>Logowanie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logout</source>
        <translation>Wylogowanie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed login or PIN</source>
        <translation>Błędny login lub PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login locked</source>
        <translation>Logowanie zablokowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval refused</source>
        <translation>Odmowa zatwierdzenia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User added</source>
        <translation>Dodano użytkownika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price override</source>
        <translation>Zmiana ceny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line discount</source>
        <translation>Rabat na pozycję</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basket discount</source>
        <translation>Rabat na paragon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line voided after total</source>
        <translation>Storno pozycji po podsumie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid sale voided</source>
        <translation>Anulowano opłaconą sprzedaż</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return without receipt</source>
        <translation>Zwrot bez paragonu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drawer opened</source>
        <translation>Otwarcie szuflady</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash in</source>
        <translation>Wpłata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash out</source>
        <translation>Wypłata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift closed</source>
        <translation>Zamknięcie zmiany</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../pos_client/ui/cart_model.py" line="+35"/>
        <source>Product</source>
        <translation>Towar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qty</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>Rabat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Wartość</translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+220"/>
        <source>Cash in / out</source>
        <translation>Wpłata / wypłata</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cash in (into the drawer)</source>
        <translation>Wpłata (do szuflady)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash out (from the drawer)</source>
        <translation>Wypłata (z szuflady)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Amount:</source>
        <translation>Kwota:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason:</source>
        <translation>Powód:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. change from the safe</source>
        <translation>np. bilon z sejfu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In the drawer now: %1</source>
        <translation>W szufladzie teraz: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location line="+56"/>
        <source>Close shift (Z report)</source>
        <translation>Zamknij zmianę (raport dobowy Z)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count the cash in the drawer.</source>
        <translation>Policz gotówkę w szufladzie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Expected cash:</source>
        <translation>Oczekiwana gotówka:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted cash:</source>
        <translation>Policzona gotówka:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference:</source>
        <translation>Różnica:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (terminal):</source>
        <translation>Karta (terminal):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close shift and make the Z report</source>
        <translation>Zamknij zmianę i wykonaj raport dobowy Z</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 missing</source>
        <translation>brakuje %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 over</source>
        <translation>nadwyżka %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (%1)</source>
        <translation>brak (%1)</translation>
    </message>
</context>
<context>
    <name>DenominationGrid</name>
    <message>
        <location line="-303"/>
        <source>Notes</source>
        <translation>Banknoty</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coins</source>
        <translation>Monety</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Tap a row, then type the count.</source>
        <translation>Dotknij wiersza, a potem wpisz liczbę sztuk.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../pos_client/ui/login_dialog.py" line="+71"/>
        <location line="+32"/>
        <source>Log in</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Log in with your login and PIN</source>
        <translation>Zaloguj się loginem i PIN-em</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_client/ui/main_window.py" line="+92"/>
        <source>Till %1</source>
        <translation>Kasa %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scan or type a barcode or SKU, then Enter</source>
        <translation>Zeskanuj lub wpisz kod kreskowy albo kod towaru, potem Enter</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Quantity (F3)</source>
        <translation>Ilość (F3)</translation>
    </message>
    <message>
        <location line="-109"/>
        <location line="+111"/>
        <source>Void line</source>
        <translation>Storno pozycji</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+111"/>
        <location line="+229"/>
        <source>Void sale</source>
        <translation>Anuluj paragon</translation>
    </message>
    <message>
        <location line="-201"/>
        <source>Search by name, SKU or EAN (F2)</source>
        <translation>Szukaj po nazwie, kodzie lub EAN (F2)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Last receipt (F9)</source>
        <translation>Ostatni paragon (F9)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pay (F12)</source>
        <translation>Zapłać (F12)</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Weight</source>
        <translation>Waga</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of %1 in kg (e.g. 0,450):</source>
        <translation>Waga: %1 w kg (np. 0,450):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a weight in kg.</source>
        <translation>%1 nie jest wagą w kg.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+15"/>
        <location line="+28"/>
        <source>Select a line first.</source>
        <translation>Najpierw wybierz pozycję.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>A weighed item&apos;s quantity is its weight: void it and weigh again.</source>
        <translation>Ilość towaru ważonego to jego waga: wykonaj storno i zważ ponownie.</translation>
    </message>
    <message>
        <location line="-299"/>
        <location line="+303"/>
        <source>Quantity</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <location line="-304"/>
        <source>Search</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One more / less</source>
        <translation>Jedna sztuka więcej / mniej</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Park</source>
        <translation>Zaparkuj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parked</source>
        <translation>Zaparkowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last receipt</source>
        <translation>Ostatni paragon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to scanning</source>
        <translation>Powrót do skanowania</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 · till %2</source>
        <translation>%1 · kasa %2</translation>
    </message>
    <message>
        <location line="+248"/>
        <source>How many of %1?</source>
        <translation>Ile sztuk: %1?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a number of pieces.</source>
        <translation>%1 nie jest liczbą sztuk.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Void %1 after the total was shown</source>
        <translation>Storno %1 po podsumie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Voided: %1</source>
        <translation>Storno: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Void the whole sale (%1)?</source>
        <translation>Anulować cały paragon (%1)?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sale voided.</source>
        <translation>Paragon anulowany.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sale is empty: scan something first.</source>
        <translation>Paragon jest pusty: najpierw coś zeskanuj.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receipt %1 saved. Change: %2</source>
        <translation>Paragon %1 zapisany. Reszta: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No receipt yet on this till.</source>
        <translation>Na tej kasie nie ma jeszcze paragonu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receipt %1</source>
        <translation>Paragon %1</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Total: %1</source>
        <translation>Suma: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items: %1</source>
        <translation>Pozycje: %1</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+36"/>
        <location line="+20"/>
        <source>Open shift</source>
        <translation>Otwórz zmianę</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Count the cash in the drawer (the float).</source>
        <translation>Policz gotówkę w szufladzie (pogotowie kasowe).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Float: %1</source>
        <translation>Pogotowie kasowe: %1</translation>
    </message>
</context>
<context>
    <name>ParkedSalesDialog</name>
    <message>
        <location filename="../../pos_client/ui/parked_dialog.py" line="+33"/>
        <source>Parked sales</source>
        <translation>Zaparkowane paragony</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Resume (Enter)</source>
        <translation>Przywróć (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n pozycja</numerusform>
            <numerusform>%n pozycje</numerusform>
            <numerusform>%n pozycji</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No sales are parked.</source>
        <translation>Brak zaparkowanych paragonów.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a parked sale first.</source>
        <translation>Najpierw wybierz zaparkowany paragon.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_client/ui/payment_dialog.py" line="+49"/>
        <source>Payment</source>
        <translation>Płatność</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>To pay: %1</source>
        <translation>Do zapłaty: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Amount (empty = what is still due):</source>
        <translation>Kwota (puste = pozostało do zapłaty):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cash (F5)</source>
        <translation>Gotówka (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (F6)</source>
        <translation>Karta (F6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry saving</source>
        <translation>Ponów zapis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel (Esc)</source>
        <translation>Anuluj (Esc)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Next customer (Enter)</source>
        <translation>Następny klient (Enter)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Still due: %1</source>
        <translation>Pozostało do zapłaty: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter an amount above zero.</source>
        <translation>Wpisz kwotę większą od zera.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card payment cannot be more than what is still due.</source>
        <translation>Płatność kartą nie może przekraczać kwoty pozostałej do zapłaty.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Change: %1</source>
        <translation>Reszta: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt %1 saved</source>
        <translation>Paragon %1 zapisany</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+103"/>
        <source>Z report no. %1</source>
        <translation>Raport dobowy Z nr %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../pos_client/ui/return_dialog.py" line="+58"/>
        <source>Return</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scan or type the receipt number, then Enter</source>
        <translation>Zeskanuj lub wpisz numer paragonu, potem Enter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find</source>
        <translation>Znajdź</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Product</source>
        <translation>Towar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>Zapłacono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold</source>
        <translation>Sprzedano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned before</source>
        <translation>Zwrócono wcześniej</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To return</source>
        <translation>Do zwrotu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Return everything</source>
        <translation>Zwróć wszystko</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason for the return (required)</source>
        <translation>Powód zwrotu (wymagany)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Confirm return</source>
        <translation>Zatwierdź zwrot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reason:</source>
        <translation>Powód:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Receipt %1 of %2, total %3</source>
        <translation>Paragon %1 z %2, suma %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Everything on this receipt was returned already.</source>
        <translation>Wszystko z tego paragonu zostało już zwrócone.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source> g</source>
        <translation> g</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> pcs</source>
        <translation> szt.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+20"/>
        <source>Refund: %1</source>
        <translation>Do zwrotu: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to the card</source>
        <translation>na kartę</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in cash</source>
        <translation>gotówką</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give back %1</source>
        <translation>Wydaj %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Return %1 saved.</source>
        <translation>Zwrot %1 zapisany.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Done (Esc)</source>
        <translation>Gotowe (Esc)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_client/ui/settings_dialog.py" line="+57"/>
        <source>Till settings</source>
        <translation>Ustawienia kasy</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Settings marked * (%1) take effect after the till is restarted.</source>
        <translation>Ustawienia oznaczone * (%1) zadziałają po ponownym uruchomieniu kasy.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved in %1</source>
        <translation>Zapisano w %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Till</source>
        <translation>Kasa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>Sieć</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner and weighed items</source>
        <translation>Skaner i towary ważone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer</source>
        <translation>Drukarka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language and locking</source>
        <translation>Język i blokada</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>On</source>
        <translation>Włączone</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Could not save the settings to %1: %2</source>
        <translation>Nie udało się zapisać ustawień do %1: %2</translation>
    </message>
</context>
<context>
    <name>TillOperations</name>
    <message>
        <location filename="../../pos_client/ui/till_operations.py" line="+85"/>
        <source>Open shift</source>
        <translation>Otwórz zmianę</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash in</source>
        <translation>Wpłata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash out</source>
        <translation>Wypłata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close shift (Z report)</source>
        <translation>Zamknij zmianę (raport dobowy Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Z reports</source>
        <translation>Raporty dobowe Z</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Park sale (F7)</source>
        <translation>Zaparkuj (F7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parked sales (F8)</source>
        <translation>Zaparkowane (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return (F10)</source>
        <translation>Zwrot (F10)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void the last paid sale</source>
        <translation>Anuluj ostatni opłacony paragon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the line&apos;s price</source>
        <translation>Zmień cenę pozycji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount on the line</source>
        <translation>Rabat na pozycję</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount on the sale</source>
        <translation>Rabat na paragon</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+247"/>
        <source>Open the drawer</source>
        <translation>Otwórz szufladę</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>Audit log</source>
        <translation>Dziennik zdarzeń</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+291"/>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <location line="-290"/>
        <source>Lock / change cashier</source>
        <translation>Zablokuj / zmień kasjera</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Logged in: %1</source>
        <translation>Zalogowano: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A shift is already open on this till.</source>
        <translation>Na tej kasie zmiana jest już otwarta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shift open. Happy selling!</source>
        <translation>Zmiana otwarta. Udanej sprzedaży!</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cash movement saved.</source>
        <translation>Wpłata/wypłata zapisana.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Finish or park the current sale before closing the shift.</source>
        <translation>Przed zamknięciem zmiany zakończ lub zaparkuj bieżący paragon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the shift</source>
        <translation>Zamknięcie zmiany</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No shift is open: open one first (menu, Open shift).</source>
        <translation>Zmiana nie jest otwarta: najpierw ją otwórz (menu, Otwórz zmianę).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sale parked. Resume it with F8.</source>
        <translation>Paragon zaparkowany. Przywróć go klawiszem F8.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parked sale resumed.</source>
        <translation>Przywrócono zaparkowany paragon.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Return %1 saved.</source>
        <translation>Zwrot %1 zapisany.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no paid sale left to void on this till.</source>
        <translation>Na tej kasie nie ma opłaconego paragonu do anulowania.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Void sale %1 (%2)</source>
        <translation>Anulowanie paragonu %1 (%2)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sale %1 voided: refund %2 (return %3).</source>
        <translation>Paragon %1 anulowany: zwrot %2 (dokument zwrotu %3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+23"/>
        <source>Select a line first.</source>
        <translation>Najpierw wybierz pozycję.</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+57"/>
        <source>Discount</source>
        <translation>Rabat</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Discount on %1 in zł:</source>
        <translation>Rabat na %1 w zł:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discount of %1 on %2</source>
        <translation>Rabat %1 na %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New unit price of %1 in zł:</source>
        <translation>Nowa cena jednostkowa %1 w zł:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price of %1: %2 instead of %3</source>
        <translation>Cena %1: %2 zamiast %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Approved and recorded. The drawer opens through the printer: not set up yet.</source>
        <translation>Zatwierdzono i zapisano. Szuflada otwiera się przez drukarkę: jeszcze nie skonfigurowana.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sale is empty: scan something first.</source>
        <translation>Paragon jest pusty: najpierw coś zeskanuj.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount on the whole sale in zł:</source>
        <translation>Rabat na cały paragon w zł:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discount of %1 on the sale</source>
        <translation>Rabat %1 na paragon</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>View the audit log</source>
        <translation>Podgląd dziennika zdarzeń</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This till has no settings file to write.</source>
        <translation>Ta kasa nie ma pliku ustawień do zapisu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the settings</source>
        <translation>Zmiana ustawień</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings saved. Some take effect after the till is restarted.</source>
        <translation>Ustawienia zapisane. Niektóre zadziałają po ponownym uruchomieniu kasy.</translation>
    </message>
</context>
<context>
    <name>ZReportsDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+107"/>
        <source>Z reports</source>
        <translation>Raporty dobowe Z</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Z %1 · %2 · %3</source>
        <translation>Z %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No Z reports yet.</source>
        <translation>Nie ma jeszcze raportów dobowych Z.</translation>
    </message>
</context>
</TS>
